package io.fcs.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.testing.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8032 known answers, batches of every window width, then tampering and wrong inputs. */
class Ed25519BatchTest {

    private static final BigInteger L =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    record Batch(Ed25519.VerificationKey key, List<byte[]> messages, List<byte[]> signatures) {}

    static Batch batch(long seed, int size) {
        Random random = new Random(seed);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(secret);
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            messages.add(message);
            signatures.add(key.sign(message));
        }
        return new Batch(key.verificationKey(), messages, signatures);
    }

    @Test
    void everyPublishedSignatureHoldsAloneAndInABatchOfOne() {
        List<Vectors.Vector> vectors = Vectors.load("/vectors/crypto/rfc8032-ed25519.txt");
        assertThat(vectors).hasSize(5);
        for (Vectors.Vector v : vectors) {
            Ed25519.VerificationKey key = new Ed25519.VerificationKey(Bytes.fromHex(v.get("public")));
            byte[] message = Bytes.fromHex(v.get("message"));
            byte[] signature = Bytes.fromHex(v.get("signature"));
            assertThat(Ed25519Batch.holds(key, message, signature))
                    .as(v.get("name"))
                    .isTrue();
            assertThat(Ed25519Batch.allHold(key, List.of(message), List.of(signature)))
                    .as(v.get("name"))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 31, 32, 100, 159, 160, 200})
    void aBatchOfGoodSignaturesHoldsAtEverySize(int size) {
        Batch batch = batch(size, size);
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 100, 200})
    void oneFlippedBitAnywhereInOneRecordFailsTheWholeBatch(int size) {
        Random random = new Random(size * 31L);
        for (int round = 0; round < 12; round++) {
            Batch batch = batch(size, size);
            int victim = random.nextInt(size);
            boolean inMessage = round % 2 == 0 && batch.messages().get(victim).length > 0;
            byte[] target = inMessage
                    ? batch.messages().get(victim)
                    : batch.signatures().get(victim);
            int bit = random.nextInt(target.length * 8);
            target[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                    .as("record %d, %s bit %d", victim, inMessage ? "message" : "signature", bit)
                    .isFalse();
            assertThat(Ed25519Batch.holds(
                            batch.key(),
                            batch.messages().get(victim),
                            batch.signatures().get(victim)))
                    .isFalse();
        }
    }

    @Test
    void anotherKeysSignatureFailsTheBatch() {
        Batch batch = batch(5, 50);
        Batch other = batch(6, 1);
        List<byte[]> messages = new ArrayList<>(batch.messages());
        List<byte[]> signatures = new ArrayList<>(batch.signatures());
        messages.set(17, other.messages().get(0));
        signatures.set(17, other.signatures().get(0));
        assertThat(Ed25519Batch.allHold(batch.key(), messages, signatures)).isFalse();
        assertThat(Ed25519Batch.allHold(other.key(), other.messages(), other.signatures()))
                .isTrue();
    }

    @Test
    void twoForgeriesThatWouldCancelOutUnderEqualWeightsStillFail() {
        // S of one record raised by one, of another lowered by one: the plain sum of the
        // equations still balances, the randomly weighted one does not
        Batch batch = batch(9, 20);
        byte[] up = batch.signatures().get(3);
        byte[] down = batch.signatures().get(11);
        setScalar(up, scalar(up).add(BigInteger.ONE).mod(L));
        setScalar(down, scalar(down).subtract(BigInteger.ONE).mod(L));
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                .isFalse();
    }

    @Test
    void aScalarNotBelowTheGroupOrderIsRefusedThoughItWouldSatisfyTheEquation() {
        Batch batch = batch(11, 3);
        byte[] signature = batch.signatures().get(1);
        BigInteger raised = scalar(signature).add(L);
        assertThat(raised.bitLength()).isLessThanOrEqualTo(256);
        setScalar(signature, raised);
        assertThat(batch.key().verify(batch.messages().get(1), signature)).isFalse();
        assertThat(Ed25519Batch.holds(batch.key(), batch.messages().get(1), signature))
                .isFalse();
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                .isFalse();
    }

    @Test
    void anRThatIsNotACanonicalPointEncodingIsRefused() {
        Batch batch = batch(12, 2);
        byte[] signature = batch.signatures().get(0);
        byte[] notBelowP = new byte[32];
        Arrays.fill(notBelowP, (byte) 0xff);
        notBelowP[31] = 0x7f; // 2^255 − 1 ≥ p
        System.arraycopy(notBelowP, 0, signature, 0, 32);
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                .isFalse();
    }

    @Test
    void aKeyOfSmallOrderVerifiesNothingEvenASignatureMadeForIt() {
        // the neutral element as key: R = [S]B would satisfy the cofactored equation for any M
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        Ed25519.VerificationKey key = new Ed25519.VerificationKey(neutral);
        byte[] signature = new byte[64];
        signature[0] = 1; // R = neutral, S = 0: [8][0]B = [8]O + [8][k]O
        assertThat(Ed25519Batch.holds(key, "anything".getBytes(), signature)).isFalse();
        assertThat(Ed25519Batch.allHold(key, List.of("anything".getBytes()), List.of(signature)))
                .isFalse();
    }

    @Test
    void wrongLengthsMissingPartsAndUnevenListsAreRefusedWithoutAnException() {
        Batch batch = batch(13, 4);
        List<byte[]> shortSignature = new ArrayList<>(batch.signatures());
        shortSignature.set(2, Arrays.copyOf(shortSignature.get(2), 63));
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), shortSignature))
                .isFalse();
        List<byte[]> missing = new ArrayList<>(batch.signatures());
        missing.set(0, null);
        assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), missing)).isFalse();
        assertThat(Ed25519Batch.allHold(
                        batch.key(), batch.messages(), batch.signatures().subList(0, 3)))
                .isFalse();
        assertThat(Ed25519Batch.holds(batch.key(), null, batch.signatures().get(0)))
                .isFalse();
        assertThat(Ed25519Batch.allHold(batch.key(), List.of(), List.of())).isTrue();
    }

    @Test
    void aKeyThatIsNotACurvePointVerifiesNothing() {
        Batch batch = batch(14, 3);
        byte[] encoded = batch.key().encoded();
        for (int flip = 0; flip < 256; flip++) {
            byte[] other = encoded.clone();
            other[flip / 8] ^= (byte) (1 << (flip % 8));
            Ed25519.VerificationKey key = new Ed25519.VerificationKey(other);
            assertThat(Ed25519Batch.allHold(key, batch.messages(), batch.signatures()))
                    .isFalse();
        }
    }

    @Test
    void theBatchAgreesWithBouncyCastleOnEveryRecordOfRandomlyTamperedBatches() {
        Random random = new Random(2026);
        for (int round = 0; round < 40; round++) {
            Batch batch = batch(1000 + round, 1 + random.nextInt(60));
            int tampered = random.nextInt(3);
            for (int t = 0; t < tampered; t++) {
                byte[] target =
                        batch.signatures().get(random.nextInt(batch.signatures().size()));
                target[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            }
            boolean everyOne = true;
            for (int i = 0; i < batch.messages().size(); i++) {
                boolean bouncyCastle = batch.key()
                        .verify(batch.messages().get(i), batch.signatures().get(i));
                assertThat(Ed25519Batch.holds(
                                batch.key(),
                                batch.messages().get(i),
                                batch.signatures().get(i)))
                        .as("round %d, record %d", round, i)
                        .isEqualTo(bouncyCastle);
                everyOne &= bouncyCastle;
            }
            assertThat(Ed25519Batch.allHold(batch.key(), batch.messages(), batch.signatures()))
                    .as("round %d", round)
                    .isEqualTo(everyOne);
        }
    }

    @Test
    void signaturesWithASmallOrderPartInRHoldHereAsForBouncyCastleAndOnlyTheKeysHolderCanMakeThem() throws Exception {
        // decision 0275: the signatures on which a cofactored and a cofactorless check would differ
        byte[] seed = new byte[32];
        new Random(21).nextBytes(seed);
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(seed);
        byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
        h[0] &= (byte) 248;
        h[31] &= 127;
        h[31] |= 64;
        BigInteger a = littleEndian(Arrays.copyOf(h, 32));
        byte[] encodedKey = key.verificationKey().encoded();
        assertThat(Ed25519Batch.baseMultiplePlus(a, null)).isEqualTo(encodedKey);
        // a point of order 8 (its y is in Bouncy Castle's list of small-order points)
        byte[] orderEight = Bytes.fromHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
        Random random = new Random(22);
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            BigInteger r = new BigInteger(250, random);
            byte[] bigR = Ed25519Batch.baseMultiplePlus(r, orderEight);
            byte[] message = ("round " + i + " of beers").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var sha512 = java.security.MessageDigest.getInstance("SHA-512");
            sha512.update(bigR);
            sha512.update(encodedKey);
            BigInteger k = littleEndian(sha512.digest(message)).mod(L);
            byte[] signature = Arrays.copyOf(bigR, 64);
            setScalar(signature, r.add(k.multiply(a)).mod(L));

            assertThat(Ed25519Batch.holds(key.verificationKey(), message, signature))
                    .as("round %d", i)
                    .isTrue();
            assertThat(key.verificationKey().verify(message, signature))
                    .as("Bouncy Castle, round %d", i)
                    .isTrue();
            // the same R with an S made without the private key holds for nobody
            byte[] guessed = signature.clone();
            setScalar(guessed, r.add(k).mod(L));
            assertThat(Ed25519Batch.holds(key.verificationKey(), message, guessed))
                    .isFalse();
            assertThat(key.verificationKey().verify(message, guessed)).isFalse();
            messages.add(message);
            signatures.add(signature);
        }
        messages.add("an ordinary one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        signatures.add(key.sign(messages.getLast()));
        assertThat(Ed25519Batch.allHold(key.verificationKey(), messages, signatures))
                .isTrue();
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static BigInteger scalar(byte[] signature) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = signature[63 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static void setScalar(byte[] signature, BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        Arrays.fill(signature, 32, 64, (byte) 0);
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            signature[32 + i] = bigEndian[bigEndian.length - 1 - i];
        }
    }
}
