package io.fcs.protocol.message;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding bytes received from the network: either the message, or the reason it
 * was refused. Decoding never throws to the caller.
 *
 * @param <M> the message type expected
 */
public sealed interface DecodeResult<M> permits DecodeResult.Decoded, DecodeResult.Refused {

    /** The bytes were a well-formed message of the expected type. */
    record Decoded<M>(M message) implements DecodeResult<M> {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The bytes were refused; {@code detail} says where and why, for logs. */
    record Refused<M>(DecodeRefusal reason, String detail) implements DecodeResult<M> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isDecoded() {
        return this instanceof Decoded<M>;
    }

    /** The message; throws {@link IllegalStateException} on a refusal (for tests and tools). */
    default M orElseThrow() {
        return switch (this) {
            case Decoded<M> decoded -> decoded.message();
            case Refused<M> refused ->
                throw new IllegalStateException("message refused: " + refused.reason() + ": " + refused.detail());
        };
    }

    default <N> DecodeResult<N> map(Function<? super M, ? extends N> mapper) {
        return switch (this) {
            case Decoded<M> decoded -> new Decoded<>(mapper.apply(decoded.message()));
            case Refused<M> refused -> new Refused<>(refused.reason(), refused.detail());
        };
    }
}
