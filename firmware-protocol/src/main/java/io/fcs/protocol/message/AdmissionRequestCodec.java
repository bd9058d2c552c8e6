package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Admission request body (after the 4-byte header, type 0x05). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  correlation id (UUID): the check-in record id if admitted
 *      20    16  gate terminal id (UUID)
 *      36    16  ticket id (UUID)
 *      52     1  flags: bit 0 wristband UID present; other bits 0
 *      53     8  time (i64 ms since epoch, UTC): the gate's clock
 *      61     1  UID length U (u8, 4..10)               if bit 0
 *       .     U  wristband UID                          if bit 0
 *       .     2  gate name length G (u16, 0..100)
 *       .     G  gate name (UTF-8)
 * </pre>
 */
final class AdmissionRequestCodec implements BodyCodec<AdmissionRequest> {

    static final int FLAG_WRISTBAND = 0x01;
    static final int ALL_FLAGS = FLAG_WRISTBAND;

    @Override
    public MessageType type() {
        return MessageType.ADMISSION_REQUEST;
    }

    @Override
    public Class<AdmissionRequest> messageClass() {
        return AdmissionRequest.class;
    }

    @Override
    public void write(AdmissionRequest request, WireWriter out) {
        out.uuid(request.correlationId())
                .uuid(request.terminalId().value())
                .uuid(request.ticketId().value())
                .u8(request.wristbandUid().isPresent() ? FLAG_WRISTBAND : 0)
                .instant(request.time());
        request.wristbandUid().ifPresent(uid -> out.bytes8(uid.unsafeArray()));
        out.text(request.gateName());
    }

    @Override
    public AdmissionRequest read(WireReader in) throws WireReader.Refusal {
        UUID correlation = in.uuid("correlation id");
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        TicketId ticket = TicketId.of(in.uuid("ticket id"));
        int flags = in.flags("flags", ALL_FLAGS);
        Instant time = in.instant("time");
        Optional<OpaqueBytes> uid = (flags & FLAG_WRISTBAND) != 0
                ? Optional.of(OpaqueBytes.adopt(in.bytes8(
                        "wristband UID", AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES)))
                : Optional.empty();
        String gateName = in.text("gate name", 0, CheckIn.MAX_GATE_NAME_BYTES);
        return new AdmissionRequest(correlation, terminal, ticket, uid, gateName, time);
    }
}
