package io.fcs.protocol.message;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Presence body (after the 4-byte header, type 0x30). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     1  role (u8): 0x01 terminal, 0x02 edge
 *       5    16  terminal or edge id (UUID)
 *      21     1  state (u8, {@link Presence.State}: 0x01 BIRTH, 0x02 ALIVE, 0x03 DEATH)
 *      22     1  flags: bit 0 last will (only with DEATH); other bits 0
 *      23     8  last seen (i64 ms since epoch, UTC)
 *      31     4  queue depth (i32, &gt;= 0)
 *      35     4  reader errors (i32, &gt;= 0)
 *      39     8  clock skew, ms (i64, signed)
 *      47     2  app version length A (u16, 1..64)
 *      49     A  app version (UTF-8)
 *       .     1  list version count k (u8, 0..5)
 *       .        k times, list kinds strictly ascending:
 *                  1  list kind (u8, {@link ListKind})
 *                  8  version held (i64, &gt;= 1)
 * </pre>
 */
final class PresenceCodec implements BodyCodec<Presence> {

    static final int ROLE_TERMINAL = 0x01;
    static final int ROLE_EDGE = 0x02;
    static final int FLAG_LAST_WILL = 0x01;
    static final int LIST_VERSION_BYTES = 9;

    @Override
    public MessageType type() {
        return MessageType.PRESENCE;
    }

    @Override
    public Class<Presence> messageClass() {
        return Presence.class;
    }

    @Override
    public void write(Presence presence, WireWriter out) {
        switch (presence.device()) {
            case Presence.Terminal t ->
                out.u8(ROLE_TERMINAL).uuid(t.terminalId().value());
            case Presence.Edge e -> out.u8(ROLE_EDGE).uuid(e.edgeId().value());
        }
        out.u8(presence.state().code())
                .u8(presence.lastWill() ? FLAG_LAST_WILL : 0)
                .instant(presence.lastSeen())
                .i32(presence.queueDepth())
                .i32(presence.readerErrors())
                .i64(presence.clockSkewMillis())
                .text(presence.appVersion())
                .u8(presence.listVersions().size());
        // an EnumMap iterates in declaration order, which is ascending code order
        for (Map.Entry<ListKind, Long> entry : presence.listVersions().entrySet()) {
            out.u8(entry.getKey().code()).i64(entry.getValue());
        }
    }

    @Override
    public Presence read(WireReader in) throws WireReader.Refusal {
        int role = in.u8("role");
        UUID id = in.uuid("device id");
        Presence.Device device =
                switch (role) {
                    case ROLE_TERMINAL -> new Presence.Terminal(TerminalId.of(id));
                    case ROLE_EDGE -> new Presence.Edge(EdgeId.of(id));
                    default -> throw WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "role code " + role);
                };
        int stateCode = in.u8("state");
        Presence.State state = Presence.State.fromCode(stateCode)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "presence state code " + stateCode));
        boolean lastWill = (in.flags("flags", FLAG_LAST_WILL) & FLAG_LAST_WILL) != 0;
        Instant lastSeen = in.instant("last seen");
        int queueDepth = in.u31("queue depth");
        int readerErrors = in.u31("reader errors");
        long skew = in.i64("clock skew");
        String appVersion = in.text("app version", 1, Presence.MAX_APP_VERSION_BYTES);
        int count = in.u8("list version count");
        if (count > ListKind.values().length) {
            throw WireReader.refuse(DecodeRefusal.LENGTH_OUT_OF_RANGE, "list version count " + count);
        }
        EnumMap<ListKind, Long> versions = new EnumMap<>(ListKind.class);
        int previous = 0;
        for (int i = 0; i < count; i++) {
            int code = in.u8("list kind");
            ListKind kind = ListKind.fromCode(code)
                    .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "list kind code " + code));
            if (code <= previous) {
                throw WireReader.refuse(
                        DecodeRefusal.FIELD_OUT_OF_RANGE, "list kinds not strictly ascending at " + kind);
            }
            previous = code;
            versions.put(kind, in.i64AtLeast("version of " + kind, 1));
        }
        return new Presence(device, state, lastWill, appVersion, lastSeen, queueDepth, readerErrors, skew, versions);
    }
}
