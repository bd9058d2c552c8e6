package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.List;

/**
 * Record batch body (after the 4-byte header, type 0x01). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  terminal id (UUID)
 *      20     8  first sequence (i64, &gt;= 0)
 *      28     4  queue depth (i32, &gt;= 0): records still unacknowledged at the sender
 *      32     2  record count n (u16, 1..65535)
 *      34        n times:
 *                  2  record length L (u16, 1..65535)
 *                  L  signed record bytes (opaque)
 * </pre>
 */
final class RecordBatchCodec implements BodyCodec<RecordBatch> {

    static final int TERMINAL_ID_BYTES = 16;
    static final int FIRST_SEQUENCE_BYTES = 8;
    static final int QUEUE_DEPTH_BYTES = 4;
    static final int COUNT_BYTES = 2;
    static final int RECORD_LENGTH_BYTES = 2;
    /** The smallest encoded record: its length prefix plus one byte. */
    static final int MIN_RECORD_BYTES = RECORD_LENGTH_BYTES + 1;

    @Override
    public MessageType type() {
        return MessageType.RECORD_BATCH;
    }

    @Override
    public Class<RecordBatch> messageClass() {
        return RecordBatch.class;
    }

    @Override
    public void write(RecordBatch batch, WireWriter out) {
        out.uuid(batch.terminalId().value())
                .i64(batch.firstSequence())
                .i32(batch.queueDepth())
                .u16(batch.records().size());
        for (OpaqueBytes record : batch.records()) {
            out.bytes16(record.unsafeArray());
        }
    }

    @Override
    public RecordBatch read(WireReader in) throws WireReader.Refusal {
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        long first = in.i64AtLeast("first sequence", 0);
        int queueDepth = in.u31("queue depth");
        int count = in.count16("record count", RecordBatch.MAX_RECORDS, MIN_RECORD_BYTES);
        if (count == 0) {
            throw WireReader.refuse(DecodeRefusal.LENGTH_OUT_OF_RANGE, "record count is 0");
        }
        if (first > Long.MAX_VALUE - count) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "sequence overflows after " + first);
        }
        List<OpaqueBytes> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(OpaqueBytes.adopt(in.bytes16("record " + i, 1, RecordBatch.MAX_RECORD_BYTES)));
        }
        return new RecordBatch(terminal, first, records, queueDepth);
    }
}
