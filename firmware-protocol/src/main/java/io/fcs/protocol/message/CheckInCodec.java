package io.fcs.protocol.message;

import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import java.time.Instant;
import java.util.Optional;

/**
 * Check-in body (after the 4-byte header, type 0x20). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  record id of the signed check-in record (UUID)
 *      20    16  gate terminal id (UUID)
 *      36    16  zone id (UUID)
 *      52     1  direction (u8, {@link Direction}: 0x01 IN, 0x02 OUT)
 *      53     1  flags: bit 0 ticket id, bit 1 wristband UID present (at least one); other bits 0
 *      54     8  time (i64 ms since epoch, UTC)
 *      62    16  ticket id (UUID)                       if bit 0
 *       .     1  UID length U (u8, 4..10)               if bit 1
 *       .     U  wristband UID                          if bit 1
 *       .     2  gate name length G (u16, 0..100)
 *       .     G  gate name (UTF-8)
 * </pre>
 */
final class CheckInCodec implements BodyCodec<CheckIn> {

    static final int FLAG_TICKET = 0x01;
    static final int FLAG_WRISTBAND = 0x02;
    static final int ALL_FLAGS = FLAG_TICKET | FLAG_WRISTBAND;

    @Override
    public MessageType type() {
        return MessageType.CHECK_IN;
    }

    @Override
    public Class<CheckIn> messageClass() {
        return CheckIn.class;
    }

    @Override
    public void write(CheckIn checkIn, WireWriter out) {
        int flags = (checkIn.ticketId().isPresent() ? FLAG_TICKET : 0)
                | (checkIn.wristbandUid().isPresent() ? FLAG_WRISTBAND : 0);
        out.uuid(checkIn.recordId().value())
                .uuid(checkIn.terminalId().value())
                .uuid(checkIn.zoneId().value())
                .u8(checkIn.direction().code())
                .u8(flags)
                .instant(checkIn.time());
        checkIn.ticketId().ifPresent(ticket -> out.uuid(ticket.value()));
        checkIn.wristbandUid().ifPresent(uid -> out.bytes8(uid.unsafeArray()));
        out.text(checkIn.gateName());
    }

    @Override
    public CheckIn read(WireReader in) throws WireReader.Refusal {
        RecordId record = RecordId.of(in.uuid("record id"));
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        ZoneId zone = ZoneId.of(in.uuid("zone id"));
        int directionCode = in.u8("direction");
        Direction direction = Direction.fromCode(directionCode)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "direction code " + directionCode));
        int flags = in.flags("flags", ALL_FLAGS);
        if (flags == 0) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "a check-in names a ticket or a wristband");
        }
        Instant time = in.instant("time");
        Optional<TicketId> ticket =
                (flags & FLAG_TICKET) != 0 ? Optional.of(TicketId.of(in.uuid("ticket id"))) : Optional.empty();
        Optional<OpaqueBytes> uid = (flags & FLAG_WRISTBAND) != 0
                ? Optional.of(OpaqueBytes.adopt(in.bytes8(
                        "wristband UID", AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES)))
                : Optional.empty();
        String gateName = in.text("gate name", 0, CheckIn.MAX_GATE_NAME_BYTES);
        return new CheckIn(record, terminal, zone, gateName, ticket, uid, direction, time);
    }
}
