package io.fcs.central.finance;

import io.fcs.central.payment.CardRefundFailed;
import io.fcs.central.payment.CardRefundSettled;
import io.fcs.central.payment.CardRefunds;
import io.fcs.central.sync.ReviewItems;
import io.fcs.central.sync.ReviewKind;
import io.fcs.central.wallet.CashlessService;
import io.fcs.protocol.value.FestivalId;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A FAILED card refund becomes a review item finance acts on (decision 0220), in the transaction
 * that failed it; a refund the provider confirms after all resolves its item.
 */
@Component
class CardRefundReviews {

    private final ReviewItems reviews;
    private final CardRefunds cardRefunds;
    private final JdbcClient jdbc;

    CardRefundReviews(ReviewItems reviews, CardRefunds cardRefunds, JdbcClient jdbc) {
        this.reviews = reviews;
        this.cardRefunds = cardRefunds;
        this.jdbc = jdbc;
    }

    @EventListener
    void failed(CardRefundFailed event) {
        if (event.festivalId() == null) {
            return;
        }
        UUID wallet = CashlessService.CARD_REFUND_SOURCE.equals(event.source()) && event.sourceId() != null
                ? jdbc.sql("select wallet_id from cashless_refund where id = ?")
                        .param(event.sourceId())
                        .query(UUID.class)
                        .optional()
                        .orElse(null)
                : null;
        UUID item = reviews.raise(ReviewItems.Raise.of(
                        FestivalId.of(event.festivalId()),
                        ReviewKind.CARD_REFUND_FAILED,
                        "card refund " + event.refundId() + " of payment " + event.paymentId() + " ("
                                + (event.source() == null ? "refund" : event.source()) + " "
                                + (event.sourceId() == null ? "" : event.sourceId()) + ") failed: " + event.reason()
                                + "; the money is still owed in refunds payable: retry, pay by bank transfer or"
                                + " write off")
                .wallet(wallet, null)
                .amount(event.amountCents(), event.currency()));
        cardRefunds.linkReview(event.refundId(), item);
    }

    @EventListener
    void settled(CardRefundSettled event) {
        if (!CardRefunds.Status.DONE.name().equals(event.status())) {
            return;
        }
        cardRefunds
                .find(event.refundId())
                .map(CardRefunds.View::reviewItemId)
                .ifPresent(item -> reviews.resolve(item, null, "the payment provider confirmed the refund after all"));
    }
}
