package io.fcs.central.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Card refunds are PENDING until the provider's signed webhook confirms them; a failed one is a
 * review item finance retries, pays by bank transfer or writes off; the books hold at every step.
 */
class CardRefundConfirmationTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    RefundDispatcher dispatcher;

    @Autowired
    WebhookSignature signature;

    @Autowired
    AuditLog audit;

    private UUID festival;
    private String attendee;
    private String finance;

    @BeforeEach
    void festivalWithCardRefundsOpen() {
        festival = TestFestivals.create(jdbc);
        jdbc.sql("""
                        INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open, refund_fee,
                            refund_methods, version) VALUES (:f, 'EUR', 2000, TRUE, 50, 'CARD,BANK_TRANSFER', 1)
                        """).param("f", festival).update();
        attendee = "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE);
        finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE);
    }

    @AfterEach
    void providerBackToNormal() {
        sandbox.holdRefundConfirmations(false);
        sandbox.leaveRefundsUnanswered(0);
    }

    private void topUp(long cents, String cardToken) throws Exception {
        mvc.perform(post("/cashless/topup")
                        .header("Authorization", attendee)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"festivalId\":\"%s\",\"amountCents\":%d,\"method\":\"CARD\"%s}"
                                .formatted(
                                        festival,
                                        cents,
                                        cardToken == null ? "" : ",\"cardToken\":\"" + cardToken + "\"")))
                .andExpect(status().isOk());
    }

    private UUID refundToCard(long expectedCents) throws Exception {
        return UUID.fromString(read(
                mvc.perform(post("/cashless/refunds")
                                .header("Authorization", attendee)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"festivalId\":\"%s\",\"method\":\"CARD\"}".formatted(festival)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.amountCents").value(expectedCents))
                        .andExpect(jsonPath("$.status").value("PENDING")),
                "$.refundId"));
    }

    private CardRefunds.View part(UUID cashlessRefund) {
        List<CardRefunds.View> parts = jdbc
                .sql("select id from payment_refund where source = 'cashless_refund'"
                        + " and source_id = ? order by created_at desc, id fetch first 1 rows only")
                .param(cashlessRefund)
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> refunds.find(id).orElseThrow())
                .toList();
        return parts.getFirst();
    }

    @Autowired
    CardRefunds refunds;

    private long payable() {
        return ledger.balance(FestivalId.of(festival), AccountKey.refundsPayable(), Currency.EUR)
                .minor();
    }

    private long clearing() {
        return ledger.balance(FestivalId.of(festival), AccountKey.pspClearing(), Currency.EUR)
                .minor();
    }

    private String cashlessRefundStatus(UUID refund) {
        return jdbc.sql("select status from cashless_refund where id = ?")
                .param(refund)
                .query(String.class)
                .single();
    }

    private void booksHold() throws Exception {
        mvc.perform(get("/finance/festivals/" + festival + "/reconciliation").header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conservationHolds").value(true));
    }

    private ResultActions webhook(String body, String signatureValue) throws Exception {
        long now = Instant.now().getEpochSecond();
        return mvc.perform(post("/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(
                        WebhookSignature.SIGNATURE_HEADER,
                        signatureValue == null ? signature.sign(now, body) : signatureValue)
                .content(body));
    }

    private static String refundEvent(String eventId, String type, UUID refund, long cents) {
        return """
                {"eventId":"%s","type":"%s","merchantReference":"%s","providerRef":"sbx_r","amountCents":%d,"currency":"EUR"}""".formatted(eventId, type, refund, cents);
    }

    private String reviewItem() throws Exception {
        return read(
                mvc.perform(get("/finance/festivals/" + festival + "/review-items?status=OPEN")
                                .header("Authorization", finance))
                        .andExpect(jsonPath("$.length()").value(1))
                        .andExpect(jsonPath("$[0].kind").value("CARD_REFUND_FAILED")),
                "$[0].id");
    }

    private ResultActions act(String item, String json) throws Exception {
        return mvc.perform(post("/finance/festivals/" + festival + "/review-items/" + item + "/actions")
                .header("Authorization", finance)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private long auditCount(String action) {
        audit.flush();
        return jdbc.sql("select count(*) from audit_event where festival_id = ? and action = ?")
                .params(festival, action)
                .query(Long.class)
                .single();
    }

    @Test
    void aCardRefundStaysPendingAndOwedUntilTheProvidersSignedConfirmationWhichIsAppliedOnce() throws Exception {
        topUp(1_000, null);
        sandbox.holdRefundConfirmations(true);

        UUID refund = refundToCard(950);

        CardRefunds.View sent = part(refund);
        assertThat(sent.status()).isEqualTo(CardRefunds.Status.SENT);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("PENDING");
        assertThat(payable()).isEqualTo(950);
        assertThat(clearing()).isEqualTo(1_000);
        booksHold();

        String confirmation = refundEvent("evt_ok_" + UUID.randomUUID(), "refund.succeeded", sent.id(), 950);
        webhook(confirmation, "v1=" + "00".repeat(32))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_signature"));
        webhook(refundEvent("evt_x_" + UUID.randomUUID(), "refund.succeeded", sent.id(), 9_500), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("amount_mismatch"));
        webhook(refundEvent("evt_y_" + UUID.randomUUID(), "refund.succeeded", UUID.randomUUID(), 950), null)
                .andExpect(status().isNotFound());
        webhook(refundEvent("evt_z_" + UUID.randomUUID(), "refund.reversed", sent.id(), 950), null)
                .andExpect(status().isBadRequest());
        assertThat(refunds.find(sent.id()).orElseThrow().status()).isEqualTo(CardRefunds.Status.SENT);
        assertThat(payable()).isEqualTo(950);

        webhook(confirmation, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("applied"));
        webhook(confirmation, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));
        webhook(refundEvent("evt_again_" + UUID.randomUUID(), "refund.succeeded", sent.id(), 950), null)
                .andExpect(jsonPath("$.status").value("duplicate"));
        webhook(refundEvent("evt_late_" + UUID.randomUUID(), "refund.failed", sent.id(), 950), null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("refund_state"));

        assertThat(refunds.find(sent.id()).orElseThrow().status()).isEqualTo(CardRefunds.Status.DONE);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("PAID");
        assertThat(payable()).isZero();
        assertThat(clearing()).isEqualTo(50);
        booksHold();
        assertThat(auditCount("payment.refunded")).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheProviderAcceptedButBeforeCentralStoredItSendsTheRefundAgainAndItIsPaidOnce() throws Exception {
        topUp(1_000, null);
        sandbox.leaveRefundsUnanswered(1);
        UUID refund = refundToCard(950);
        CardRefunds.View pending = part(refund);
        assertThat(pending.status()).isEqualTo(CardRefunds.Status.PENDING);
        String providerRef = jdbc.sql("select provider_ref from payment where id = ?")
                .param(pending.paymentId())
                .query(String.class)
                .single();
        // The provider took the refund, then central died before it stored the answer and before the
        // confirmation arrived.
        sandbox.holdRefundConfirmations(true);
        PaymentProvider.Authorisation first =
                sandbox.refund(providerRef, 950, "EUR", pending.id().toString());
        assertThat(refunds.find(pending.id()).orElseThrow().status()).isEqualTo(CardRefunds.Status.PENDING);
        assertThat(payable()).isEqualTo(950);
        booksHold();

        sandbox.holdRefundConfirmations(false);
        jdbc.sql("update payment_refund set next_attempt_at = next_attempt_at - interval '2' hour where id = ?")
                .param(pending.id())
                .update();
        dispatcher.sendDue();
        PaymentProvider.Authorisation again =
                sandbox.refund(providerRef, 950, "EUR", pending.id().toString());

        assertThat(again).isEqualTo(first);
        assertThat(refunds.find(pending.id()).orElseThrow().status()).isEqualTo(CardRefunds.Status.DONE);
        assertThat(payable()).isZero();
        assertThat(clearing()).isEqualTo(50);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("PAID");
        booksHold();
    }

    @Test
    void aRefundTheProviderFailsIsAReviewItemAndItsMoneyStaysOwedUntilFinanceRetriesOrPaysByTransfer()
            throws Exception {
        topUp(1_000, SandboxPaymentProvider.REFUND_FAILS);

        UUID refund = refundToCard(950);

        assertThat(part(refund).status()).isEqualTo(CardRefunds.Status.FAILED);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("FAILED");
        assertThat(payable()).isEqualTo(950);
        booksHold();
        String item = reviewItem();
        mvc.perform(get("/finance/festivals/" + festival + "/review-items?status=OPEN")
                        .header("Authorization", finance))
                .andExpect(jsonPath("$[0].amountCents").value(950))
                .andExpect(jsonPath("$[0].walletId").isNotEmpty());
        mvc.perform(get("/finance/festivals/" + festival + "/refunds?status=FAILED")
                        .header("Authorization", finance))
                .andExpect(jsonPath("$.length()").value(1));

        act(item, "{\"action\":\"DISMISS\",\"reason\":\"no\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("action_not_applicable"));
        act(item, "{\"action\":\"PAY_BY_BANK_TRANSFER\",\"reason\":\"card expired\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        act(item, "{\"action\":\"RETRY_REFUND\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        act(item, "{\"action\":\"RETRY_REFUND\",\"reason\":\"x\",\"extra\":1}").andExpect(status().isBadRequest());
        assertThat(part(refund).status()).isEqualTo(CardRefunds.Status.FAILED);
        assertThat(payable()).isEqualTo(950);

        // Retried: the card still refuses, so the new refund fails too and raises its own item.
        act(item, "{\"action\":\"RETRY_REFUND\",\"reason\":\"attendee asked again\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESOLVED"));
        CardRefunds.View retry = part(refund);
        assertThat(retry.retryOf()).isNotNull();
        assertThat(refunds.find(retry.retryOf()).orElseThrow().status()).isEqualTo(CardRefunds.Status.RETRIED);
        assertThat(retry.status()).isEqualTo(CardRefunds.Status.FAILED);
        assertThat(payable()).isEqualTo(950);
        String second = reviewItem();
        assertThat(second).isNotEqualTo(item);

        act(second, "{\"action\":\"PAY_BY_BANK_TRANSFER\",\"reason\":\"card expired\",\"reference\":\"VIR-77\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESOLVED"));
        assertThat(refunds.find(retry.id()).orElseThrow().status()).isEqualTo(CardRefunds.Status.TRANSFERRED);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("PAID");
        assertThat(payable()).isZero();
        assertThat(ledger.balance(FestivalId.of(festival), AccountKey.bank(), Currency.EUR)
                        .minor())
                .isEqualTo(-950);
        assertThat(clearing()).isEqualTo(1_000);
        booksHold();
        assertThat(auditCount("payment.refund_failed")).isEqualTo(2);
        assertThat(auditCount("payment.refund_retried")).isEqualTo(1);
        assertThat(auditCount("payment.refund_transferred")).isEqualTo(1);
        act(second, "{\"action\":\"WRITE_OFF\",\"reason\":\"twice\"}").andExpect(status().isConflict());
    }

    @Test
    void aRefundTheProviderRefusesAtOnceCanBeWrittenOffWithAReasonAsAnAuditedPosting() throws Exception {
        topUp(600, SandboxPaymentProvider.REFUND_REFUSED);

        UUID refund = refundToCard(550);

        assertThat(part(refund).status()).isEqualTo(CardRefunds.Status.FAILED);
        assertThat(part(refund).lastError()).isEqualTo("refund_refused");
        String item = reviewItem();
        act(item, "{\"action\":\"WRITE_OFF\",\"reason\":\"attendee unreachable for a year\"}")
                .andExpect(status().isOk());

        assertThat(part(refund).status()).isEqualTo(CardRefunds.Status.WRITTEN_OFF);
        assertThat(cashlessRefundStatus(refund)).isEqualTo("WRITTEN_OFF");
        assertThat(payable()).isZero();
        assertThat(clearing()).isEqualTo(600);
        booksHold();
        assertThat(auditCount("payment.refund_written_off")).isEqualTo(1);
    }

    @Test
    void aRefundNeverAnsweredEndsFailedOnceItsAttemptsAreExhausted() throws Exception {
        topUp(400, null);
        sandbox.leaveRefundsUnanswered(1_000);
        UUID refund = refundToCard(350);

        for (int attempt = 0; attempt < 12 && part(refund).status() == CardRefunds.Status.PENDING; attempt++) {
            jdbc.sql("update payment_refund set next_attempt_at = next_attempt_at - interval '2' hour where id = ?")
                    .param(part(refund).id())
                    .update();
            dispatcher.send(part(refund).id());
        }

        assertThat(part(refund).status()).isEqualTo(CardRefunds.Status.FAILED);
        assertThat(part(refund).lastError()).isEqualTo("retries_exhausted");
        assertThat(payable()).isEqualTo(350);
        reviewItem();
        booksHold();
    }

    @Test
    void aTicketRefundIsOwedUntilTheProviderConfirmsIt() throws Exception {
        String festivalId = createFestival("Ticket refund");
        String type = createTicketType(festivalId, 4_500, 5);
        String buyer = newAttendee();
        String ticket = read(
                apiPost("/tickets/buy", buyer, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(type)),
                "$.tickets[0].id");
        FestivalId f = FestivalId.of(UUID.fromString(festivalId));
        sandbox.holdRefundConfirmations(true);

        apiPost("/tickets/" + ticket + "/refund", buyer, null).andExpect(status().isOk());

        assertThat(ledger.balance(f, AccountKey.refundsPayable(), Currency.EUR).minor())
                .isEqualTo(4_500);
        assertThat(ledger.balance(f, AccountKey.pspClearing(), Currency.EUR).minor())
                .isEqualTo(4_500);
        CardRefunds.View sent =
                refunds.ofSource("ticket", UUID.fromString(ticket)).getFirst();
        assertThat(sent.status()).isEqualTo(CardRefunds.Status.SENT);
        webhook(refundEvent("evt_t_" + UUID.randomUUID(), "refund.succeeded", sent.id(), 4_500), null)
                .andExpect(status().isOk());
        assertThat(ledger.balance(f, AccountKey.refundsPayable(), Currency.EUR).minor())
                .isZero();
        assertThat(ledger.balance(f, AccountKey.pspClearing(), Currency.EUR).minor())
                .isZero();
        assertThat(ledger.balance(f, AccountKey.ticketRevenue(), Currency.EUR).minor())
                .isZero();
    }

    @Test
    void theBackOfficeReviewListOffersTheRefundActionsAndPaysAFailedRefundByBankTransfer() throws Exception {
        topUp(800, SandboxPaymentProvider.REFUND_FAILS);
        UUID refund = refundToCard(750);
        String item = reviewItem();
        jakarta.servlet.http.Cookie login = new jakarta.servlet.http.Cookie(
                "fcs_access", tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE));

        String html = mvc.perform(get("/admin/money?festival=" + festival)
                        .accept(MediaType.TEXT_HTML)
                        .cookie(login))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("CARD_REFUND_FAILED", "value=\"RETRY_REFUND\"", "value=\"PAY_BY_BANK_TRANSFER\"")
                .contains("reference-" + item);

        mvc.perform(
                        post("/admin/money/review-items/" + item)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .accept(MediaType.TEXT_HTML)
                                .cookie(login)
                                .param("festival", festival.toString())
                                .param("action", "PAY_BY_BANK_TRANSFER")
                                .param("reason", "card expired"))
                .andExpect(status().isBadRequest());
        assertThat(payable()).isEqualTo(750);

        mvc.perform(
                        post("/admin/money/review-items/" + item)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .accept(MediaType.TEXT_HTML)
                                .cookie(login)
                                .param("festival", festival.toString())
                                .param("action", "PAY_BY_BANK_TRANSFER")
                                .param("reference", "VIR-2027-42")
                                .param("reason", "card expired"))
                .andExpect(status().isFound());
        assertThat(payable()).isZero();
        assertThat(cashlessRefundStatus(refund)).isEqualTo("PAID");
        booksHold();
    }
}
