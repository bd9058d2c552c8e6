package io.fcs.protocol.record;

import java.util.Objects;

/** What {@link RecordVerifier} answers: an authentic record, or the reason it is refused. */
public sealed interface RecordVerification {

    /** Decoded, signed by its terminal's key (and linked as expected when a head was given). */
    record Valid(SignedRecord record) implements RecordVerification {
        public Valid {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Refused, with the reason and a detail for logs and alerts (never secret material). */
    record Refused(RecordRefusal reason, String detail) implements RecordVerification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
