package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import java.util.List;
import java.util.Objects;

/**
 * The receiver's answer to record batches of one terminal. The sender may delete every record up
 * to and including {@code watermark} (the highest sequence below which everything is durably
 * settled, i.e. applied, absorbed as an identical duplicate, or listed in {@code refused}); it
 * resends the {@code missing} ranges; it keeps {@code refused} records for the operator and never
 * resends them. A watermark of {@code -1} means nothing is settled yet.
 *
 * <p>Rules checked at construction and decoding: missing ranges lie above the watermark, ascending
 * and not overlapping; refused sequences are strictly ascending.
 */
public record WatermarkAck(
        TerminalId terminalId, long watermark, List<SequenceRange> missing, List<RefusedRecord> refused)
        implements Message {

    /** Nothing settled yet. */
    public static final long NOTHING = -1;

    public static final int MAX_MISSING_RANGES = 0xFFFF;
    public static final int MAX_REFUSED = 0xFFFF;

    public WatermarkAck {
        Objects.requireNonNull(terminalId, "terminalId");
        Fields.atLeast("watermark", watermark, NOTHING);
        missing = Fields.list("missing", missing, MAX_MISSING_RANGES);
        refused = Fields.list("refused", refused, MAX_REFUSED);
        long previousEnd = watermark;
        for (SequenceRange range : missing) {
            if (range.from() <= previousEnd) {
                throw new IllegalArgumentException("missing range " + range + " must start after " + previousEnd
                        + " (above the watermark, ascending, not overlapping)");
            }
            previousEnd = range.to();
        }
        long previous = -1;
        for (RefusedRecord record : refused) {
            if (record.sequence() <= previous) {
                throw new IllegalArgumentException("refused sequences must be strictly ascending at " + record);
            }
            previous = record.sequence();
        }
    }

    public static WatermarkAck upTo(TerminalId terminalId, long watermark) {
        return new WatermarkAck(terminalId, watermark, List.of(), List.of());
    }

    @Override
    public MessageType type() {
        return MessageType.WATERMARK_ACK;
    }
}
