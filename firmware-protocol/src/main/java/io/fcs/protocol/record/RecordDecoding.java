package io.fcs.protocol.record;

import java.util.Objects;

/**
 * The outcome of decoding bytes: the value, or why the bytes are not one. Decoding never throws
 * on bad input.
 *
 * @param <T> {@link TransactionRecord} for signed bytes, {@link SignedRecord} for the wire form
 */
public sealed interface RecordDecoding<T> {

    record Decoded<T>(T value) implements RecordDecoding<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    record Malformed<T>(DecodeError error, String detail) implements RecordDecoding<T> {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The decoded value; throws {@link IllegalStateException} with the reason when malformed. */
    default T orElseThrow() {
        return switch (this) {
            case Decoded<T> decoded -> decoded.value();
            case Malformed<T> malformed ->
                throw new IllegalStateException("not a record: " + malformed.error() + " (" + malformed.detail() + ")");
        };
    }
}
