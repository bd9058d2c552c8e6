package io.fcs.protocol.message;

import io.fcs.protocol.value.TicketId;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticket revocations body (after the 4-byte header, type 0x13). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     8  version (i64, &gt;= 1)
 *      12     1  mode (u8, {@link ListMode}: 0x01 FULL, 0x02 DELTA)
 *      13     8  base version (i64): 0 for FULL; 1..version-1 for DELTA
 *      21     4  entry count n (i32, 0..1,000,000)
 *      25        n times:
 *                 16  ticket id (UUID)
 *                  1  action (u8, {@link ListAction}; FULL lists only ADD)
 *                  1  reason (u8, {@link TicketRevocations.Reason})
 * </pre>
 */
final class TicketRevocationsCodec implements BodyCodec<TicketRevocations> {

    static final int ENTRY_BYTES = 18;

    @Override
    public MessageType type() {
        return MessageType.TICKET_REVOCATIONS;
    }

    @Override
    public Class<TicketRevocations> messageClass() {
        return TicketRevocations.class;
    }

    @Override
    public void write(TicketRevocations list, WireWriter out) {
        out.i64(list.version())
                .u8(list.mode().code())
                .i64(list.baseVersion())
                .i32(list.entries().size());
        for (TicketRevocations.Entry entry : list.entries()) {
            out.uuid(entry.ticketId().value())
                    .u8(entry.action().code())
                    .u8(entry.reason().code());
        }
    }

    @Override
    public TicketRevocations read(WireReader in) throws WireReader.Refusal {
        long version = in.i64AtLeast("version", 1);
        ListMode mode = Codes.listMode(in);
        long base = in.i64("base version");
        int count = in.count32("entry count", TicketRevocations.MAX_ENTRIES, ENTRY_BYTES);
        List<TicketRevocations.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TicketId ticket = TicketId.of(in.uuid("entry " + i + " ticket id"));
            ListAction action = Codes.listAction(in);
            int reasonCode = in.u8("entry " + i + " reason");
            TicketRevocations.Reason reason = TicketRevocations.Reason.fromCode(reasonCode)
                    .orElseThrow(() ->
                            WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "revocation reason code " + reasonCode));
            entries.add(new TicketRevocations.Entry(ticket, action, reason));
        }
        return new TicketRevocations(version, mode, base, entries);
    }
}
