package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.List;

/**
 * Watermark ack body (after the 4-byte header, type 0x02). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  terminal id (UUID)
 *      20     8  watermark (i64, &gt;= -1; -1 = nothing settled yet)
 *      28     2  missing range count m (u16)
 *      30        m times:
 *                  8  from (i64, &gt; watermark and &gt; previous range's end)
 *                  8  to   (i64, &gt;= from), inclusive
 *       .     2  refused count r (u16)
 *       .        r times:
 *                  8  sequence (i64, &gt;= 0, strictly ascending)
 *                  1  reason code (u8, {@link RefusedRecord.Reason})
 * </pre>
 */
final class WatermarkAckCodec implements BodyCodec<WatermarkAck> {

    static final int TERMINAL_ID_BYTES = 16;
    static final int WATERMARK_BYTES = 8;
    static final int COUNT_BYTES = 2;
    static final int RANGE_BYTES = 16;
    static final int REFUSED_BYTES = 9;

    @Override
    public MessageType type() {
        return MessageType.WATERMARK_ACK;
    }

    @Override
    public Class<WatermarkAck> messageClass() {
        return WatermarkAck.class;
    }

    @Override
    public void write(WatermarkAck ack, WireWriter out) {
        out.uuid(ack.terminalId().value())
                .i64(ack.watermark())
                .u16(ack.missing().size());
        for (SequenceRange range : ack.missing()) {
            out.i64(range.from()).i64(range.to());
        }
        out.u16(ack.refused().size());
        for (RefusedRecord refused : ack.refused()) {
            out.i64(refused.sequence()).u8(refused.reason().code());
        }
    }

    @Override
    public WatermarkAck read(WireReader in) throws WireReader.Refusal {
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        long watermark = in.i64AtLeast("watermark", WatermarkAck.NOTHING);
        int missingCount = in.count16("missing range count", WatermarkAck.MAX_MISSING_RANGES, RANGE_BYTES);
        List<SequenceRange> missing = new ArrayList<>(missingCount);
        long previousEnd = watermark;
        for (int i = 0; i < missingCount; i++) {
            long from = in.i64("missing range " + i + " from");
            long to = in.i64("missing range " + i + " to");
            if (from <= previousEnd || to < from) {
                throw WireReader.refuse(
                        DecodeRefusal.FIELD_OUT_OF_RANGE,
                        "missing range " + i + " [" + from + ", " + to + "] not above " + previousEnd);
            }
            previousEnd = to;
            missing.add(new SequenceRange(from, to));
        }
        int refusedCount = in.count16("refused count", WatermarkAck.MAX_REFUSED, REFUSED_BYTES);
        List<RefusedRecord> refused = new ArrayList<>(refusedCount);
        long previous = -1;
        for (int i = 0; i < refusedCount; i++) {
            long sequence = in.i64("refused " + i + " sequence");
            int code = in.u8("refused " + i + " reason");
            if (sequence <= previous) {
                throw WireReader.refuse(
                        DecodeRefusal.FIELD_OUT_OF_RANGE, "refused sequence " + sequence + " not above " + previous);
            }
            previous = sequence;
            RefusedRecord.Reason reason = RefusedRecord.Reason.fromCode(code)
                    .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "refusal reason code " + code));
            refused.add(new RefusedRecord(sequence, reason));
        }
        return new WatermarkAck(terminal, watermark, missing, refused);
    }
}
