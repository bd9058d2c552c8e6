package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.MessageVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchCodecTest {

    // offsets in the golden vector (see RecordBatchCodec's byte map)
    private static final int FIRST_SEQUENCE = 20;
    private static final int QUEUE_DEPTH = 28;
    private static final int COUNT = 32;
    private static final int FIRST_RECORD_LENGTH = 34;

    private final byte[] golden = MessageVectors.bytes("record-batch");

    @Test
    void recordAtIndexIHasSequenceFirstPlusI() {
        RecordBatch batch = Fixtures.recordBatch();
        assertThat(batch.firstSequence()).isEqualTo(41);
        assertThat(batch.lastSequence()).isEqualTo(42);
    }

    @Test
    void aRecordCountAboveWhatTheBytesCanHoldIsRefusedBeforeAllocating() {
        assertThat(refusalOf(patch(golden, COUNT, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThat(refusalOf(patch(golden, COUNT, "0000"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThatThrownBy(() -> RecordBatch.of(Fixtures.TERMINAL, 1, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordLengthBeyondThePayloadIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_RECORD_LENGTH, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void anEmptyRecordIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_RECORD_LENGTH, "0000"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aNegativeSequenceOrQueueDepthIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_SEQUENCE, "ffffffffffffffff")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(golden, QUEUE_DEPTH, "80000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aBatchWhoseSequencesWouldOverflowIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_SEQUENCE, "7fffffffffffffff")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void recordsAreCopiedSoTheSenderCannotChangeThemAfterwards() {
        byte[] record = {1, 2, 3};
        RecordBatch batch = RecordBatch.of(Fixtures.TERMINAL, 1, List.of(record), 0);
        record[0] = 9;
        assertThat(batch.records().getFirst().toByteArray()).containsExactly(1, 2, 3);
    }
}
