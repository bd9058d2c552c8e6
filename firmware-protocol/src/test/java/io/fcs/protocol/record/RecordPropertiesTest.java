package io.fcs.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random properties: the same seeds run every time, so a failure reproduces. */
class RecordPropertiesTest {

    private static final Ed25519.SigningKey KEY = RecordExamples.TERMINAL_KEY;
    private final RecordSigner signer = new RecordSigner(KEY);
    private final RecordVerifier anyTerminal = new RecordVerifier(terminal -> Optional.of(KEY.verificationKey()));

    @Test
    void everyValidRecordSurvivesEncodeDecodeSignAndVerify() {
        RandomRecords records = new RandomRecords(20260717L);
        for (int i = 0; i < 2000; i++) {
            TransactionRecord record = records.next();
            byte[] bytes = RecordCodec.encode(record);
            assertThat(RecordCodec.decode(bytes)).isEqualTo(new RecordDecoding.Decoded<>(record));
            assertThat(bytes.length).isBetween(RecordCodec.MIN_SIGNED_LENGTH, RecordCodec.MAX_SIGNED_LENGTH);
            if (i % 10 == 0) {
                SignedRecord signed = signer.sign(record);
                assertThat(anyTerminal.verify(signed.encoded())).isEqualTo(new RecordVerification.Valid(signed));
            }
        }
    }

    @Test
    void anySingleBitChangeOfASignedRecordIsRefused() {
        RandomRecords records = new RandomRecords(8032L);
        for (int r = 0; r < 4; r++) {
            byte[] encoded = signer.sign(records.next()).encoded();
            for (int bit = 0; bit < encoded.length * 8; bit++) {
                byte[] tampered = encoded.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(anyTerminal.verify(tampered).isValid())
                        .as("record %d, bit %d", r, bit)
                        .isFalse();
            }
        }
    }

    @Test
    void bytesThatDecodeHaveExactlyOneEncoding() {
        RandomRecords records = new RandomRecords(4493L);
        Random random = records.random();
        int decoded = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = RecordCodec.encode(records.next());
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (RecordCodec.decode(bytes) instanceof RecordDecoding.Decoded<TransactionRecord> ok) {
                decoded++;
                assertThat(RecordCodec.encode(ok.value())).isEqualTo(bytes);
            }
        }
        assertThat(decoded).as("mutations that still decode").isGreaterThan(1000);
    }

    @Test
    void randomBytesNeverMakeTheDecoderThrow() {
        Random random = new Random(9285L);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextInt(RecordCodec.MAX_ENCODED_LENGTH + 10)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = RecordCodec.VERSION;
            }
            assertThat(RecordCodec.decodeSigned(bytes)).isNotNull();
            assertThat(anyTerminal.verify(bytes).isValid()).isFalse();
        }
    }

    @Test
    void anyOrderAndDuplicationOfATerminalsRecordsGivesTheSameWatermarkAndGaps() {
        Random random = new Random(1024L);
        List<SignedRecord> chain = RecordExamples.chain(signer, 40);
        for (int trial = 0; trial < 200; trial++) {
            List<SignedRecord> held = new ArrayList<>();
            for (SignedRecord record : chain) {
                if (random.nextInt(6) != 0) {
                    held.add(record);
                }
            }
            TerminalChain inOrder = TerminalChain.start(RecordExamples.TERMINAL);
            held.forEach(inOrder::accept);

            List<SignedRecord> shuffled = new ArrayList<>(held);
            for (int d = random.nextInt(20); d > 0 && !held.isEmpty(); d--) {
                shuffled.add(held.get(random.nextInt(held.size())));
            }
            Collections.shuffle(shuffled, random);
            TerminalChain anyOrder = TerminalChain.start(RecordExamples.TERMINAL);
            for (SignedRecord record : shuffled) {
                assertThat(anyOrder.accept(record).status())
                        .isIn(ChainStatus.CONTINUES, ChainStatus.GAP, ChainStatus.DUPLICATE);
            }

            assertThat(anyOrder.watermark()).isEqualTo(inOrder.watermark());
            assertThat(anyOrder.gaps()).isEqualTo(inOrder.gaps());
            assertThat(anyOrder.head()).isEqualTo(inOrder.head());
            long expectedWatermark = 0;
            while (expectedWatermark < chain.size() && held.contains(chain.get((int) expectedWatermark))) {
                expectedWatermark++;
            }
            assertThat(anyOrder.watermark()).isEqualTo(expectedWatermark);
            for (var gap : anyOrder.gaps()) {
                for (long s = gap.first(); s <= gap.last(); s++) {
                    assertThat(held).doesNotContain(chain.get((int) s - 1));
                }
            }
        }
    }

    @Test
    void aChainRefusesEveryTamperedRecordWithoutChangingItsState() {
        List<SignedRecord> chain = RecordExamples.chain(signer, 5);
        TerminalChain terminalChain = TerminalChain.start(RecordExamples.TERMINAL);
        chain.subList(0, 3).forEach(terminalChain::accept);
        Random random = new Random(3L);
        for (int i = 0; i < 100; i++) {
            TransactionRecord original = chain.get(random.nextInt(3)).record();
            TransactionRecord other = original.toBuilder()
                    .time(original.time().plusMillis(1 + random.nextInt(1000)))
                    .build();
            ChainStep step = terminalChain.accept(signer.sign(other));
            assertThat(step.status().alert()).as(step.detail()).isTrue();
            assertThat(terminalChain.watermark()).isEqualTo(3);
            assertThat(terminalChain.gaps()).isEmpty();
        }
        TerminalId stranger = TerminalId.random();
        assertThat(terminalChain
                        .accept(signer.sign(chain.get(3).record().toBuilder()
                                .terminal(stranger)
                                .build()))
                        .status())
                .isEqualTo(ChainStatus.WRONG_TERMINAL);
        assertThat(Arrays.asList(ChainStatus.values())).noneMatch(s -> s.accepted() && s.alert());
    }
}
