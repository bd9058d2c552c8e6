package io.fcs.central.sync;

import io.fcs.central.payment.PaymentOutcomeUnknown;
import io.fcs.protocol.value.FestivalId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns operations of unknown outcome into review items for finance (decision 0145). */
@Component
class UnknownOutcomes {

    private final ReviewItems reviews;

    UnknownOutcomes(ReviewItems reviews) {
        this.reviews = reviews;
    }

    @EventListener
    void paymentOutcomeUnknown(PaymentOutcomeUnknown event) {
        if (event.festivalId() == null) {
            return;
        }
        reviews.raise(ReviewItems.Raise.of(
                        FestivalId.of(event.festivalId()),
                        ReviewKind.UNKNOWN_OUTCOME,
                        "card payment " + event.paymentId() + " (" + event.purpose() + " " + event.referenceId()
                                + "): no answer from the payment provider; check whether it was taken: "
                                + event.detail())
                .amount(event.amountCents(), event.currency()));
    }
}
