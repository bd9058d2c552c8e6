package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void hexRoundTripsAndIgnoresSpacesAndNewlines() {
        assertThat(Bytes.hex(new byte[] {0, (byte) 0xab, 0x7f})).isEqualTo("00ab7f");
        assertThat(Bytes.fromHex("00 AB\n7f")).isEqualTo(new byte[] {0, (byte) 0xab, 0x7f});
    }

    @Test
    void oddOrNonHexTextIsRefused() {
        assertThatThrownBy(() -> Bytes.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bytes.fromHex("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantTimeEqualsComparesContentAndLength() {
        assertThat(Bytes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2}))
                .isTrue();
        assertThat(Bytes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3}))
                .isFalse();
        assertThat(Bytes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2, 0}))
                .isFalse();
    }
}
