-- Card refunds are confirmed by the provider's signed webhook (decision 0220): PENDING (not yet
-- accepted by the provider) -> SENT (accepted, confirmation awaited) -> DONE (confirmed: refunds
-- payable -> PSP clearing) or FAILED (refused, or no answer after every attempt: a review item).
-- Finance then RETRIES it (a new refund row), pays it by bank TRANSFERRED, or WRITTEN_OFF.
alter table payment_refund add column source varchar(32);
alter table payment_refund add column source_id uuid;
alter table payment_refund add column retry_of uuid;
alter table payment_refund add column review_item_id uuid;
alter table payment_refund add column resolution varchar(500);
create index payment_refund_source_ix on payment_refund (source, source_id);
create index payment_refund_review_ix on payment_refund (review_item_id);
