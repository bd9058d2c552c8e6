package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import java.util.List;
import java.util.Objects;

/**
 * A run of one terminal's signed records, in sequence order without gaps: the record at index
 * {@code i} has sequence {@code firstSequence + i}. The records are opaque here (their format is
 * the record package's); the receiver verifies each one and answers with a {@link WatermarkAck}.
 * The same message goes terminal → edge and edge → central (one terminal's run per message).
 *
 * @param queueDepth how many records the sender still holds unacknowledged, this batch included
 */
public record RecordBatch(TerminalId terminalId, long firstSequence, List<OpaqueBytes> records, int queueDepth)
        implements Message {

    /** At most this many records per batch (the count field is 16 bits). */
    public static final int MAX_RECORDS = 0xFFFF;
    /** A single signed record is at most this many bytes (the length field is 16 bits). */
    public static final int MAX_RECORD_BYTES = 0xFFFF;

    public RecordBatch {
        Objects.requireNonNull(terminalId, "terminalId");
        Fields.atLeast("firstSequence", firstSequence, 0);
        records = Fields.list("records", records, MAX_RECORDS);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a record batch holds at least one record");
        }
        for (OpaqueBytes record : records) {
            Fields.bytes("record", record, 1, MAX_RECORD_BYTES);
        }
        if (firstSequence > Long.MAX_VALUE - records.size()) {
            throw new IllegalArgumentException("sequence overflows after " + firstSequence);
        }
        Fields.atLeast("queueDepth", queueDepth, 0);
    }

    public static RecordBatch of(TerminalId terminalId, long firstSequence, List<byte[]> records, int queueDepth) {
        return new RecordBatch(
                terminalId, firstSequence, records.stream().map(OpaqueBytes::of).toList(), queueDepth);
    }

    /** The sequence of the last record in the batch. */
    public long lastSequence() {
        return firstSequence + records.size() - 1;
    }

    @Override
    public MessageType type() {
        return MessageType.RECORD_BATCH;
    }
}
