package io.fcs.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.AesCmac;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.KeyDiversification;
import org.junit.jupiter.api.Test;

class CryptoSmokeTest {
    @Test
    void cmacMatchesRfc4493Example4AndAn10922Example() {
        byte[] key = Bytes.fromHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] m = Bytes.fromHex(
                "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        assertThat(Bytes.hex(AesCmac.mac(key, m))).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
        assertThat(Bytes.hex(AesCmac.mac(key, new byte[0]))).isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(Bytes.hex(AesCmac.mac(key, java.util.Arrays.copyOf(m, 40))))
                .isEqualTo("dfa66747de9ae63030ca32611497c827");
        byte[] div = KeyDiversification.diversify(
                Bytes.fromHex("00112233445566778899AABBCCDDEEFF"),
                Bytes.fromHex("04782E21801D80"),
                Bytes.fromHex("3042F5"),
                Bytes.fromHex("4E585020416275"));
        assertThat(Bytes.hex(div)).isEqualToIgnoringCase("A8DD63A3B89D54B37CA802473FDA9175");
    }
}
