package io.fcs.central.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What posting a journal entry came to: posted (now or the first time) or refused. */
public sealed interface PostingResult permits PostingResult.Posted, PostingResult.Refused {

    /**
     * The entry is in the books.
     *
     * @param entryId the entry's id
     * @param sequence the entry's position in the journal (gap-free per database, ascending)
     * @param postedAt when it was first posted
     * @param replayed true when this key was posted before with the same content and this call
     *     changed nothing
     */
    record Posted(UUID entryId, long sequence, Instant postedAt, boolean replayed) implements PostingResult {
        public Posted {
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(postedAt, "postedAt");
        }
    }

    /** Nothing was posted; {@code reason} says why. */
    record Refused(Reason reason, String detail) implements PostingResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Reason {
        /** A wallet would go below zero. */
        INSUFFICIENT_FUNDS("insufficient_funds"),
        /** The idempotency key was used before for another entry. */
        IDEMPOTENCY_CONFLICT("idempotency_conflict"),
        /** A line's currency is not the currency its account was opened in. */
        CURRENCY_MISMATCH("currency_mismatch");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable problem-details code. */
        public String code() {
            return code;
        }
    }

    default boolean isPosted() {
        return this instanceof Posted;
    }
}
