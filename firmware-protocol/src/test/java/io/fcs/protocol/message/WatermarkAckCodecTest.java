package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.MessageVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkAckCodecTest {

    private static final int WATERMARK = 20;
    private static final int MISSING_COUNT = 28;
    private static final int FIRST_RANGE_FROM = 30;
    private static final int REFUSED_COUNT = 62;
    private static final int FIRST_REFUSED_SEQUENCE = 64;
    private static final int FIRST_REFUSED_REASON = 72;

    private final byte[] golden = MessageVectors.bytes("watermark-ack");

    @Test
    void aWatermarkBelowMinusOneIsRefused() {
        assertThat(refusalOf(patch(golden, WATERMARK, "fffffffffffffffe"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aMissingRangeAtOrBelowTheWatermarkIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_RANGE_FROM, "0000000000000028")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThatThrownBy(() -> new WatermarkAck(Fixtures.TERMINAL, 10, List.of(SequenceRange.of(5, 12)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlappingMissingRangesAreRefused() {
        assertThatThrownBy(() -> new WatermarkAck(
                        Fixtures.TERMINAL, 1, List.of(SequenceRange.of(3, 6), SequenceRange.of(6, 8)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusedSequencesOutOfOrderAreRefused() {
        assertThat(refusalOf(patch(golden, FIRST_REFUSED_SEQUENCE, "0000000000000030")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void anUndefinedRefusalReasonIsRefused() {
        assertThat(refusalOf(patch(golden, FIRST_REFUSED_REASON, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(golden, FIRST_REFUSED_REASON, "ff"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void countsAboveWhatTheBytesCanHoldAreRefused() {
        assertThat(refusalOf(patch(golden, MISSING_COUNT, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(golden, REFUSED_COUNT, "0100"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void nothingSettledIsWatermarkMinusOne() {
        WatermarkAck ack = WatermarkAck.upTo(Fixtures.TERMINAL, WatermarkAck.NOTHING);
        assertThat(MessageCodec.standard()
                        .decode(MessageCodec.standard().encode(ack))
                        .orElseThrow())
                .isEqualTo(ack);
    }

    @Test
    void everyRefusalReasonCodeRoundTrips() {
        for (RefusedRecord.Reason reason : RefusedRecord.Reason.values()) {
            assertThat(RefusedRecord.Reason.fromCode(reason.code())).contains(reason);
        }
        assertThat(RefusedRecord.Reason.fromCode(0)).isEmpty();
    }
}
