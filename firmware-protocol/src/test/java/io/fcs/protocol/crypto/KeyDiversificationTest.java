package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NXP AN10922 section 2.2.1 (AES-128) example, and the input rules. */
class KeyDiversificationTest {

    private static final byte[] MASTER = Bytes.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final byte[] UID = Bytes.fromHex("04782E21801D80");
    private static final byte[] AID = Bytes.fromHex("3042F5");
    private static final byte[] SYSTEM = Bytes.fromHex("4E585020416275");

    @Test
    void diversifiesTheAn10922Example() {
        assertThat(Bytes.hex(KeyDiversification.diversify(MASTER, UID, AID, SYSTEM)))
                .isEqualToIgnoringCase("A8DD63A3B89D54B37CA802473FDA9175");
    }

    @Test
    void theDiversifiedKeyIsTheCmacOfTheConstantAndInputPaddedToThirtyTwoBytes() {
        byte[] input = Bytes.fromHex("01" + "04782E21801D80" + "3042F5" + "4E585020416275" + "80" + "00".repeat(13));

        assertThat(input).hasSize(32);
        // with padding, CMAC's last block uses K2: the same as plain CMAC of the unpadded input
        assertThat(KeyDiversification.diversify(MASTER, UID, AID, SYSTEM))
                .isEqualTo(AesCmac.mac(MASTER, java.util.Arrays.copyOf(input, 18)))
                .isNotEqualTo(AesCmac.mac(MASTER, input));
    }

    @Test
    void anInputOfExactlyThirtyOneBytesIsMacedWithoutPadding() {
        byte[] uid = new byte[10];
        byte[] system = new byte[21];
        byte[] full = new byte[32];
        full[0] = 0x01;

        assertThat(KeyDiversification.diversify(MASTER, uid, new byte[0], system))
                .isEqualTo(AesCmac.mac(MASTER, full));
    }

    @Test
    void everyWristbandGetsItsOwnKey() {
        byte[] otherUid = UID.clone();
        otherUid[6] ^= 1;

        assertThat(KeyDiversification.diversify(MASTER, otherUid, AID, SYSTEM))
                .isNotEqualTo(KeyDiversification.diversify(MASTER, UID, AID, SYSTEM));
    }

    @Test
    void anEmptyUidOrAnInputLongerThanThirtyOneBytesIsRefused() {
        assertThatThrownBy(() -> KeyDiversification.diversify(MASTER, new byte[0], AID, SYSTEM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDiversification.diversify(MASTER, UID, AID, new byte[22]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aMasterKeyOtherThanSixteenBytesIsRefused() {
        assertThatThrownBy(() -> KeyDiversification.diversify(new byte[32], UID, AID, SYSTEM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
