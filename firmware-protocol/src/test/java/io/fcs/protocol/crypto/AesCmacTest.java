package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4493 section 4 examples, tampering and wrong inputs. */
class AesCmacTest {

    private static final byte[] KEY = Bytes.fromHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] MESSAGE = Bytes.fromHex("6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    @ParameterizedTest(name = "example {0}: {1} bytes")
    @CsvSource({
        "1, 0, bb1d6929e95937287fa37d129b756746",
        "2, 16, 070a16b46b4d4144f79bdd9dd04a287c",
        "3, 40, dfa66747de9ae63030ca32611497c827",
        "4, 64, 51f0bebf7e3b9d92fc49741779363cfe"
    })
    void macsTheRfc4493Examples(int example, int length, String mac) {
        byte[] message = Arrays.copyOf(MESSAGE, length);

        assertThat(Bytes.hex(AesCmac.mac(KEY, message))).isEqualTo(mac);
        assertThat(Bytes.hex(new AesCmac(KEY).mac(message))).isEqualTo(mac);
    }

    @Test
    void oneInstanceGivesTheSameMacsRepeatedly() {
        AesCmac cmac = new AesCmac(KEY);
        byte[] first = cmac.mac(MESSAGE);

        assertThat(cmac.mac(new byte[3])).isNotEqualTo(first);
        assertThat(cmac.mac(MESSAGE)).isEqualTo(first);
    }

    @Test
    void anyFlippedMessageBitChangesTheMac() {
        byte[] expected = AesCmac.mac(KEY, MESSAGE);
        for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
            byte[] tampered = MESSAGE.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(AesCmac.mac(KEY, tampered)).as("bit %d", bit).isNotEqualTo(expected);
        }
    }

    @Test
    void aCompleteBlockAndTheSameBytesPaddedGiveDifferentMacs() {
        byte[] block = Arrays.copyOf(MESSAGE, 16);
        byte[] padded = Arrays.copyOf(MESSAGE, 17);
        padded[16] = (byte) 0x80;

        assertThat(AesCmac.mac(KEY, block)).isNotEqualTo(AesCmac.mac(KEY, Arrays.copyOf(block, 15)));
        assertThat(AesCmac.mac(KEY, padded)).isNotEqualTo(AesCmac.mac(KEY, block));
    }

    @Test
    void anotherKeyGivesAnotherMac() {
        byte[] otherKey = KEY.clone();
        otherKey[15] ^= 1;

        assertThat(AesCmac.mac(otherKey, MESSAGE)).isNotEqualTo(AesCmac.mac(KEY, MESSAGE));
    }

    @Test
    void keysOtherThanSixteenBytesAreRefused() {
        assertThatThrownBy(() -> new AesCmac(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesCmac(new byte[24])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesCmac(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNxpTruncationKeepsTheOddBytes() {
        byte[] mac = Bytes.fromHex("00112233445566778899aabbccddeeff");

        assertThat(Bytes.hex(AesCmac.truncateOddBytes(mac))).isEqualTo("1133557799bbddff");
        assertThatThrownBy(() -> AesCmac.truncateOddBytes(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paddingToMoreBytesThanTheBlocksOrLessThanTheMessageIsRefused() {
        AesCmac cmac = new AesCmac(KEY);

        assertThatThrownBy(() -> cmac.macPaddedTo(new byte[8], 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cmac.macPaddedTo(new byte[33], 32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cmac.macPaddedTo(Arrays.copyOf(MESSAGE, 64), 64)).isEqualTo(cmac.mac(MESSAGE));
    }
}
