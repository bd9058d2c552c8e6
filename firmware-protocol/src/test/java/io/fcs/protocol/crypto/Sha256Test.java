package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FIPS 180-4 example digests and the record chain rule. */
class Sha256Test {

    @ParameterizedTest
    @CsvSource({
        "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
                + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    })
    void hashesTheFipsExamples(String message, String digest) {
        assertThat(Bytes.hex(Sha256.hash(message.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(digest);
    }

    @Test
    void hashesAMillionAs() {
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');

        assertThat(Bytes.hex(Sha256.hash(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void hashingARangeHashesThoseBytesOnly() {
        byte[] framed = "xxabcxx".getBytes(StandardCharsets.US_ASCII);

        assertThat(Sha256.hash(framed, 2, 3)).isEqualTo(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aChainLinkIsTheHashOfThePreviousHashFollowedByTheRecordBytes() {
        byte[] previous = Sha256.hash(new byte[] {1});
        byte[] record = {4, 5, 6};
        byte[] concatenated = Arrays.copyOf(previous, 35);
        System.arraycopy(record, 0, concatenated, 32, 3);

        assertThat(Sha256.chain(previous, record)).isEqualTo(Sha256.hash(concatenated));
        assertThat(Sha256.chain(Sha256.genesis(), record)).isNotEqualTo(Sha256.chain(previous, record));
    }

    @Test
    void aPreviousHashOtherThanThirtyTwoBytesIsRefused() {
        assertThatThrownBy(() -> Sha256.chain(new byte[31], new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sha256.chain(null, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void genesisIsAFreshArrayOfZerosEachTime() {
        byte[] genesis = Sha256.genesis();
        genesis[0] = 1;

        assertThat(Sha256.genesis()).isEqualTo(new byte[32]);
    }
}
