package io.fcs.protocol.record;

import static io.fcs.protocol.record.RecordExamples.OTHER_KEY;
import static io.fcs.protocol.record.RecordExamples.TERMINAL;
import static io.fcs.protocol.record.RecordExamples.TERMINAL_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordVerifierTest {

    private final RecordSigner signer = new RecordSigner(TERMINAL_KEY);
    private final Map<TerminalId, Ed25519.VerificationKey> enrolled = Map.of(TERMINAL, TERMINAL_KEY.verificationKey());
    private final RecordVerifier verifier = new RecordVerifier(id -> Optional.ofNullable(enrolled.get(id)));
    private final SignedRecord sale = signer.sign(RecordExamples.sale(1, RecordHash.GENESIS));

    @Test
    void aRecordSignedByItsTerminalKeyIsValid() {
        RecordVerification verification = verifier.verify(sale.encoded());

        assertThat(verification).isEqualTo(new RecordVerification.Valid(sale));
        assertThat(verification.isValid()).isTrue();
    }

    @Test
    void aRecordOfATerminalWithoutKeyIsRefusedAsUnknownKey() {
        RecordVerifier nobodyEnrolled = new RecordVerifier(id -> Optional.empty());

        assertRefused(nobodyEnrolled.verify(sale.encoded()), RecordRefusal.UNKNOWN_KEY);
    }

    @Test
    void aRecordSignedByAnotherKeyIsABadSignature() {
        SignedRecord forged = new RecordSigner(OTHER_KEY).sign(RecordExamples.sale(1, RecordHash.GENESIS));

        assertRefused(verifier.verify(forged.encoded()), RecordRefusal.BAD_SIGNATURE);
    }

    @Test
    void aFlippedSignatureBitIsABadSignature() {
        byte[] encoded = sale.encoded();
        for (int bit = 0; bit < 64 * 8; bit += 37) {
            byte[] tampered = encoded.clone();
            tampered[encoded.length - 64 + bit / 8] ^= (byte) (1 << (bit % 8));
            assertRefused(verifier.verify(tampered), RecordRefusal.BAD_SIGNATURE);
        }
    }

    @Test
    void aChangedAmountKeepingTheRecordWellFormedIsABadSignature() {
        TransactionRecord original = RecordExamples.topUp(1, RecordHash.GENESIS);
        SignedRecord signed = signer.sign(original);
        byte[] tamperedBody = RecordCodec.encode(original.toBuilder()
                .amount(io.fcs.protocol.value.Money.eur(500000))
                .build());
        byte[] tampered = Arrays.copyOf(tamperedBody, tamperedBody.length + 64);
        System.arraycopy(signed.signature(), 0, tampered, tamperedBody.length, 64);

        assertRefused(verifier.verify(tampered), RecordRefusal.BAD_SIGNATURE);
    }

    @Test
    void anotherVersionIsRefusedAsUnsupportedBeforeAnythingElse() {
        byte[] encoded = sale.encoded();
        encoded[0] = 2;

        assertRefused(verifier.verify(encoded), RecordRefusal.UNSUPPORTED_VERSION);
    }

    @Test
    void bytesThatAreNotARecordAreMalformed() {
        assertRefused(verifier.verify(new byte[0]), RecordRefusal.MALFORMED);
        assertRefused(verifier.verify((byte[]) null), RecordRefusal.MALFORMED);
        assertRefused(verifier.verify(Arrays.copyOf(sale.encoded(), 100)), RecordRefusal.MALFORMED);
        byte[] extra = Arrays.copyOf(sale.encoded(), sale.encoded().length + 1);
        assertRefused(verifier.verify(extra), RecordRefusal.MALFORMED);
    }

    @Test
    void aRecordNotNamingTheExpectedPreviousHashIsABrokenChain() {
        SignedRecord second = signer.sign(RecordExamples.sale(2, sale.hash()));

        assertThat(verifier.verify(second.encoded(), sale.hash())).isEqualTo(new RecordVerification.Valid(second));
        assertRefused(verifier.verify(second.encoded(), RecordHash.GENESIS), RecordRefusal.BROKEN_CHAIN);
    }

    @Test
    void theChainHashIsSha256OfPreviousHashAndSignedBytes() {
        assertThat(sale.hash().bytes())
                .isEqualTo(io.fcs.protocol.crypto.Sha256.chain(RecordHash.GENESIS.bytes(), sale.signedBytes()));
    }

    @Test
    void recordsVerifiedTogetherGetWhatEachGetsAloneWithTheForgedOnesNamed() {
        java.util.List<byte[]> batch = new java.util.ArrayList<>();
        RecordHash previous = RecordHash.GENESIS;
        for (int sequence = 1; sequence <= 40; sequence++) {
            SignedRecord next = signer.sign(RecordExamples.sale(sequence, previous));
            batch.add(next.encoded());
            previous = next.hash();
        }
        batch.get(7)[batch.get(7).length - 1] ^= 1; // a flipped signature bit
        batch.set(
                19,
                new RecordSigner(OTHER_KEY)
                        .sign(RecordExamples.sale(20, RecordHash.GENESIS))
                        .encoded()); // another key's signature
        batch.get(25)[0] = 2; // another version
        batch.set(30, Arrays.copyOf(batch.get(30), 100)); // cut short
        batch.add(new RecordSigner(OTHER_KEY)
                .sign(RecordExamples.sale(1, RecordHash.GENESIS).toBuilder()
                        .terminal(RecordExamples.OTHER_TERMINAL)
                        .build())
                .encoded()); // a terminal without key

        java.util.List<RecordVerification> together = verifier.verifyAllEncoded(batch);

        assertThat(together).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            assertThat(together.get(i)).as("record %d", i).isEqualTo(verifier.verify(batch.get(i)));
        }
        assertThat(together.stream().filter(RecordVerification::isValid)).hasSize(36);
    }

    @Test
    void aBatchOfGoodRecordsIsValidAsAWholeInItsOrder() {
        java.util.List<SignedRecord> batch = new java.util.ArrayList<>();
        for (int sequence = 1; sequence <= 120; sequence++) {
            batch.add(signer.sign(RecordExamples.sale(sequence, RecordHash.GENESIS)));
        }

        assertThat(verifier.verifyAll(batch))
                .containsExactlyElementsOf(batch.stream()
                        .<RecordVerification>map(RecordVerification.Valid::new)
                        .toList());
        assertThat(verifier.verifyAll(java.util.List.of())).isEmpty();
        SignedRecord forged = new RecordSigner(OTHER_KEY).sign(RecordExamples.sale(9, RecordHash.GENESIS));
        java.util.List<RecordVerification> two = verifier.verifyAll(java.util.List.of(batch.getFirst(), forged));
        assertThat(two.getFirst()).isEqualTo(new RecordVerification.Valid(batch.getFirst()));
        assertRefused(two.getLast(), RecordRefusal.BAD_SIGNATURE);
    }

    private static void assertRefused(RecordVerification verification, RecordRefusal reason) {
        assertThat(verification)
                .isInstanceOfSatisfying(RecordVerification.Refused.class, refused -> assertThat(refused.reason())
                        .as(refused.detail())
                        .isEqualTo(reason));
    }
}
