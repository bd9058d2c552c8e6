-- The IBAN of a bank-transfer refund is personal data: it is stored encrypted like names and
-- e-mails (decision 0223). SQL cannot encrypt, so the values already stored in the plaintext
-- column are moved into iban_enc at start-up (RefundBankDetailsAtRest), which empties iban.
alter table cashless_refund add column iban_enc varchar(200);
