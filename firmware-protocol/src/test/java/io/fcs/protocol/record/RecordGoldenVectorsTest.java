package io.fcs.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.testing.Vectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The committed vectors are the contract: the code must produce and accept them byte for byte. */
class RecordGoldenVectorsTest {

    private static final List<Vectors.Vector> ACCEPTED = Vectors.load("/vectors/records/records.txt");
    private static final List<Vectors.Vector> REFUSED = Vectors.load("/vectors/records/refused.txt");

    private final RecordSigner signer = new RecordSigner(RecordExamples.TERMINAL_KEY);
    private final List<SignedRecord> chain = RecordExamples.everyKind(signer);
    private final RecordVerifier verifier = new RecordVerifier(terminal ->
            Optional.ofNullable(Map.of(RecordExamples.TERMINAL, RecordExamples.TERMINAL_KEY.verificationKey())
                    .get(terminal)));

    @Test
    void theVectorsCoverOneChainWithEveryKind() {
        assertThat(ACCEPTED).hasSize(RecordKind.values().length);
        assertThat(REFUSED).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void encodingTheExampleRecordsGivesTheVectorBytes() {
        for (int i = 0; i < ACCEPTED.size(); i++) {
            Vectors.Vector vector = ACCEPTED.get(i);
            SignedRecord signed = chain.get(i);
            assertThat(Bytes.hex(RecordCodec.encode(signed.record())))
                    .as(vector.get("name"))
                    .isEqualTo(vector.get("signed"));
            assertThat(Bytes.hex(signed.signature())).as(vector.get("name")).isEqualTo(vector.get("signature"));
            assertThat(Bytes.hex(signed.encoded())).as(vector.get("name")).isEqualTo(vector.get("encoded"));
            assertThat(signed.hash()).as(vector.get("name")).hasToString(vector.get("hash"));
        }
    }

    @Test
    void decodingTheVectorBytesGivesTheExampleRecords() {
        for (int i = 0; i < ACCEPTED.size(); i++) {
            Vectors.Vector vector = ACCEPTED.get(i);
            byte[] encoded = Bytes.fromHex(vector.get("encoded"));
            assertThat(RecordCodec.decode(Bytes.fromHex(vector.get("signed"))))
                    .as(vector.get("name"))
                    .isEqualTo(new RecordDecoding.Decoded<>(chain.get(i).record()));
            assertThat(verifier.verify(encoded)).isEqualTo(new RecordVerification.Valid(chain.get(i)));
            assertThat(WriteRecordVectors.summary(chain.get(i).record())).isEqualTo(vector.get("summary"));
        }
    }

    @Test
    void eachVectorRecordNamesThePreviousOnesHash() {
        RecordHash previous = RecordHash.GENESIS;
        TerminalChain terminalChain = TerminalChain.start(RecordExamples.TERMINAL);
        for (Vectors.Vector vector : ACCEPTED) {
            RecordVerification verification = verifier.verify(Bytes.fromHex(vector.get("encoded")), previous);
            assertThat(verification.isValid()).as(vector.get("name")).isTrue();
            SignedRecord signed = ((RecordVerification.Valid) verification).record();
            assertThat(terminalChain.accept(signed).status()).isEqualTo(ChainStatus.CONTINUES);
            previous = RecordHash.parse(vector.get("hash"));
        }
        assertThat(terminalChain.watermark()).isEqualTo(ACCEPTED.size());
    }

    @Test
    void everyRefusedVectorIsRefusedForItsStatedReason() {
        for (Vectors.Vector vector : REFUSED) {
            byte[] encoded = Bytes.fromHex(vector.get("encoded"));
            assertThat(verifier.verify(encoded))
                    .as(vector.get("name"))
                    .isInstanceOfSatisfying(
                            RecordVerification.Refused.class,
                            refused -> assertThat(refused.reason().name()).isEqualTo(vector.get("refusal")));
            RecordDecoding<SignedRecord> decoding = RecordCodec.decodeSigned(encoded);
            if (vector.get("decode-error").isEmpty()) {
                assertThat(decoding).as(vector.get("name")).isInstanceOf(RecordDecoding.Decoded.class);
            } else {
                assertThat(decoding)
                        .as(vector.get("name"))
                        .isInstanceOfSatisfying(RecordDecoding.Malformed.class, malformed -> assertThat(
                                        malformed.error().name())
                                .isEqualTo(vector.get("decode-error")));
            }
        }
    }

    @Test
    void theVectorFilesAreExactlyWhatTheWriterProduces() {
        assertThat(Vectors.parse(WriteRecordVectors.accepted())).isEqualTo(ACCEPTED);
        assertThat(Vectors.parse(WriteRecordVectors.refused())).isEqualTo(REFUSED);
    }
}
