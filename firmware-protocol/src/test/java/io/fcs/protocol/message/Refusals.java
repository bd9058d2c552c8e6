package io.fcs.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import java.util.Arrays;

/** Helpers to damage golden vectors and to assert the refusal. */
final class Refusals {

    private Refusals() {}

    /** A copy of {@code bytes} with {@code hex} written over it at {@code offset}. */
    static byte[] patch(byte[] bytes, int offset, String hex) {
        byte[] patch = Bytes.fromHex(hex);
        byte[] copy = bytes.clone();
        System.arraycopy(patch, 0, copy, offset, patch.length);
        return copy;
    }

    static byte[] append(byte[] bytes, String hex) {
        byte[] extra = Bytes.fromHex(hex);
        byte[] copy = Arrays.copyOf(bytes, bytes.length + extra.length);
        System.arraycopy(extra, 0, copy, bytes.length, extra.length);
        return copy;
    }

    static DecodeRefusal refusalOf(byte[] payload) {
        DecodeResult<Message> result = MessageCodec.standard().decode(payload);
        assertThat(result)
                .as("payload %s", payload == null ? "null" : Bytes.hex(payload))
                .isInstanceOf(DecodeResult.Refused.class);
        return ((DecodeResult.Refused<Message>) result).reason();
    }
}
