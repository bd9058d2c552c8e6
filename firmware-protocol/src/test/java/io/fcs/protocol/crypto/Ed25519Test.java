package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.Vectors;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 section 7.1 known answers, then tampering and wrong inputs. */
class Ed25519Test {

    record Rfc8032(String name, byte[] secret, byte[] publicKey, byte[] message, byte[] signature) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rfc8032() {
        List<Vectors.Vector> vectors = Vectors.load("/vectors/crypto/rfc8032-ed25519.txt");
        assertThat(vectors).hasSize(5);
        return vectors.stream()
                .map(v -> Arguments.of(new Rfc8032(
                        v.get("name"),
                        Bytes.fromHex(v.get("secret")),
                        Bytes.fromHex(v.get("public")),
                        Bytes.fromHex(v.get("message")),
                        Bytes.fromHex(v.get("signature")))));
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void theSeedGivesThePublishedPublicKey(Rfc8032 vector) {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(vector.secret());

        assertThat(key.verificationKey().encoded()).isEqualTo(vector.publicKey());
        assertThat(key.seed()).isEqualTo(vector.secret());
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void signingGivesThePublishedSignature(Rfc8032 vector) {
        assertThat(Ed25519.SigningKey.fromSeed(vector.secret()).sign(vector.message()))
                .isEqualTo(vector.signature());
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void thePublishedSignatureVerifies(Rfc8032 vector) {
        assertThat(new Ed25519.VerificationKey(vector.publicKey()).verify(vector.message(), vector.signature()))
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void anyFlippedSignatureBitFailsVerification(Rfc8032 vector) {
        Ed25519.VerificationKey key = new Ed25519.VerificationKey(vector.publicKey());
        for (int bit = 0; bit < Ed25519.SIGNATURE_LENGTH * 8; bit++) {
            byte[] tampered = flip(vector.signature(), bit);
            assertThat(key.verify(vector.message(), tampered)).as("bit %d", bit).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void aFlippedMessageBitFailsVerification(Rfc8032 vector) {
        Ed25519.VerificationKey key = new Ed25519.VerificationKey(vector.publicKey());
        int bits = vector.message().length * 8;
        for (int bit = 0; bit < bits; bit += Math.max(1, bits / 64)) {
            assertThat(key.verify(flip(vector.message(), bit), vector.signature()))
                    .as("bit %d", bit)
                    .isFalse();
        }
        byte[] longer = Arrays.copyOf(vector.message(), vector.message().length + 1);
        assertThat(key.verify(longer, vector.signature())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("rfc8032")
    void aFlippedPublicKeyBitFailsVerificationWithoutAnException(Rfc8032 vector) {
        for (int bit = 0; bit < Ed25519.PUBLIC_KEY_LENGTH * 8; bit++) {
            Ed25519.VerificationKey tampered = new Ed25519.VerificationKey(flip(vector.publicKey(), bit));
            assertThat(tampered.verify(vector.message(), vector.signature()))
                    .as("bit %d", bit)
                    .isFalse();
        }
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() {
        Ed25519.SigningKey one = Ed25519.SigningKey.fromSeed(new byte[32]);
        Ed25519.SigningKey other = Ed25519.generate(new SecureRandom());
        byte[] message = "two beers".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(other.verificationKey().verify(message, one.sign(message))).isFalse();
        assertThat(one.verificationKey().verify(message, one.sign(message))).isTrue();
    }

    @Test
    void signaturesOfWrongLengthOrMissingAreRefusedWithoutAnException() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(new byte[32]);
        byte[] message = {1, 2, 3};
        byte[] signature = key.sign(message);
        Ed25519.VerificationKey verification = key.verificationKey();

        assertThat(verification.verify(message, Arrays.copyOf(signature, 63))).isFalse();
        assertThat(verification.verify(message, Arrays.copyOf(signature, 65))).isFalse();
        assertThat(verification.verify(message, new byte[0])).isFalse();
        assertThat(verification.verify(message, null)).isFalse();
        assertThat(verification.verify(null, signature)).isFalse();
    }

    @Test
    void aKeyThatIsNotACurvePointVerifiesNothing() {
        Ed25519.VerificationKey notAPoint = new Ed25519.VerificationKey(Bytes.fromHex("ff".repeat(32)));

        assertThat(notAPoint.verify(new byte[] {1}, new byte[64])).isFalse();
    }

    @Test
    void seedsAndPublicKeysOfWrongLengthAreRefused() {
        assertThatThrownBy(() -> Ed25519.SigningKey.fromSeed(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Ed25519.SigningKey.fromSeed(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ed25519.VerificationKey(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingARangeSignsThoseBytesOnly() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(new byte[32]);
        byte[] framed = {9, 9, 1, 2, 3, 9};

        byte[] signature = key.sign(framed, 2, 3);

        assertThat(signature).isEqualTo(key.sign(new byte[] {1, 2, 3}));
        assertThat(key.verificationKey().verify(framed, 2, 3, signature)).isTrue();
    }

    @Test
    void keysAreNamedByTheirFingerprintAndNeverPrintTheSeed() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(
                Bytes.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        String fingerprint = key.verificationKey().fingerprint();

        assertThat(fingerprint)
                .hasSize(16)
                .isEqualTo(
                        Bytes.hex(Sha256.hash(key.verificationKey().encoded())).substring(0, 16));
        assertThat(key.toString()).contains(fingerprint).doesNotContain("9d61b19d");
        assertThat(key.verificationKey())
                .isEqualTo(new Ed25519.VerificationKey(key.verificationKey().encoded()));
        assertThat(key.verificationKey().hashCode())
                .isEqualTo(new Ed25519.VerificationKey(key.verificationKey().encoded()).hashCode());
    }

    @Test
    void aVerificationKeyCannotBeChangedThroughItsBytes() {
        byte[] encoded =
                Ed25519.SigningKey.fromSeed(new byte[32]).verificationKey().encoded();
        Ed25519.VerificationKey key = new Ed25519.VerificationKey(encoded);
        encoded[0] ^= 1;
        key.encoded()[1] ^= 1;

        assertThat(key.encoded()).isNotEqualTo(encoded);
        assertThat(key).isEqualTo(Ed25519.SigningKey.fromSeed(new byte[32]).verificationKey());
    }

    @Test
    void aKeyDecodedOnceChecksEverySignatureAfterwardsAsAFreshKeyWould() {
        Ed25519.SigningKey key = Ed25519.generate(new SecureRandom());
        Ed25519.VerificationKey kept = key.verificationKey();
        for (int i = 0; i < 20; i++) {
            byte[] message = ("sale " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] signature = key.sign(message);
            Ed25519.VerificationKey fresh = new Ed25519.VerificationKey(kept.encoded());

            assertThat(kept.verify(message, signature)).isTrue();
            assertThat(fresh.verify(message, signature)).isTrue();
            assertThat(kept.verify(message, flip(signature, i))).isFalse();
            assertThat(kept.verify(flip(message, i), signature)).isFalse();
        }
    }

    @Test
    void aKeyThatIsNotACurvePointStaysRefusedWhenAskedAgain() {
        Ed25519.VerificationKey notAPoint = new Ed25519.VerificationKey(Bytes.fromHex("ff".repeat(32)));

        for (int i = 0; i < 3; i++) {
            assertThat(notAPoint.verify(new byte[] {1}, new byte[64])).isFalse();
        }
    }

    @Test
    void aRangeOutsideTheMessageVerifiesNothingWithoutAnException() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(new byte[32]);
        byte[] framed = {9, 9, 1, 2, 3, 9};
        byte[] signature = key.sign(framed, 2, 3);

        assertThat(key.verificationKey().verify(framed, 4, 3, signature)).isFalse();
        assertThat(key.verificationKey().verify(framed, -1, 3, signature)).isFalse();
        assertThat(key.verificationKey().verify(framed, 2, -1, signature)).isFalse();
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] out = bytes.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }
}
