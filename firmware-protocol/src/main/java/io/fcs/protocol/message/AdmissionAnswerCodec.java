package io.fcs.protocol.message;

import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Admission answer body (after the 4-byte header, type 0x06). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  correlation id (UUID), as in the request
 *      20     1  outcome (u8): 0x00 admitted, else AdmissionRefusal code (1..10)
 *      21     1  flags: bit 0 previous admission, bit 1 re-entry (admitted only),
 *                bit 2 re-entry refusal (ALREADY_USED only); other bits 0
 *      22     8  edge time (i64 ms since epoch, UTC): the edge's clock
 *       .     1  re-entry refusal (u8, ReentryRefusal)     if bit 2
 *       .    16  previous gate terminal id (UUID)          if bit 0
 *       .     8  previous admission time (i64 ms)          if bit 0
 *       .     2  previous gate name length G (u16, 0..100) if bit 0
 *       .     G  previous gate name (UTF-8)                if bit 0
 * </pre>
 *
 * {@code ALREADY_USED} (9) always has bit 0 set.
 */
final class AdmissionAnswerCodec implements BodyCodec<AdmissionAnswer> {

    static final int ADMITTED = 0x00;
    static final int FLAG_PREVIOUS = 0x01;
    static final int FLAG_REENTRY = 0x02;
    static final int FLAG_REENTRY_REFUSAL = 0x04;
    static final int ALL_FLAGS = FLAG_PREVIOUS | FLAG_REENTRY | FLAG_REENTRY_REFUSAL;

    @Override
    public MessageType type() {
        return MessageType.ADMISSION_ANSWER;
    }

    @Override
    public Class<AdmissionAnswer> messageClass() {
        return AdmissionAnswer.class;
    }

    @Override
    public void write(AdmissionAnswer answer, WireWriter out) {
        int flags = (answer.previous().isPresent() ? FLAG_PREVIOUS : 0)
                | (answer.reentry() ? FLAG_REENTRY : 0)
                | (answer.reentryRefusal().isPresent() ? FLAG_REENTRY_REFUSAL : 0);
        out.uuid(answer.correlationId())
                .u8(answer.refusal().map(AdmissionRefusal::code).orElse(ADMITTED))
                .u8(flags)
                .instant(answer.edgeTime());
        answer.reentryRefusal().ifPresent(why -> out.u8(why.code()));
        answer.previous()
                .ifPresent(previous ->
                        out.uuid(previous.gate().value()).instant(previous.at()).text(previous.gateName()));
    }

    @Override
    public AdmissionAnswer read(WireReader in) throws WireReader.Refusal {
        UUID correlation = in.uuid("correlation id");
        int outcome = in.u8("outcome");
        Optional<AdmissionRefusal> refusal = Optional.empty();
        if (outcome != ADMITTED) {
            try {
                refusal = Optional.of(AdmissionRefusal.fromCode(outcome));
            } catch (IllegalArgumentException unknown) {
                throw WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "admission outcome " + outcome);
            }
        }
        int flags = in.flags("flags", ALL_FLAGS);
        Instant edgeTime = in.instant("edge time");
        Optional<ReentryRefusal> why = Optional.empty();
        if ((flags & FLAG_REENTRY_REFUSAL) != 0) {
            int code = in.u8("re-entry refusal");
            why = Optional.of(ReentryRefusal.fromCode(code)
                    .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "re-entry refusal " + code)));
        }
        Optional<AdmissionAnswer.PreviousAdmission> previous = Optional.empty();
        if ((flags & FLAG_PREVIOUS) != 0) {
            TerminalId gate = TerminalId.of(in.uuid("previous gate"));
            Instant at = in.instant("previous admission time");
            String name = in.text("previous gate name", 0, CheckIn.MAX_GATE_NAME_BYTES);
            previous = Optional.of(new AdmissionAnswer.PreviousAdmission(gate, name, at));
        }
        return new AdmissionAnswer(correlation, refusal, (flags & FLAG_REENTRY) != 0, why, previous, edgeTime);
    }
}
