package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.ArrayList;
import java.util.List;

/**
 * Deny list body (after the 4-byte header, type 0x12). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     8  version (i64, &gt;= 1)
 *      12     1  mode (u8, {@link ListMode}: 0x01 FULL, 0x02 DELTA)
 *      13     8  base version (i64): 0 for FULL; 1..version-1 for DELTA
 *      21     4  entry count n (i32, 0..1,000,000)
 *      25        n times:
 *                  1  subject kind (u8): 0x01 wristband, 0x02 wallet, 0x03 terminal
 *                  1  action (u8, {@link ListAction}: 0x01 ADD, 0x02 REMOVE; FULL lists only ADD)
 *                  1  reason (u8, {@link DenyList.Reason})
 *                     subject:
 *                       wristband: 1  UID length U (u8, 4..10)   U  UID
 *                       wallet:   16  wallet id (UUID)
 *                       terminal: 16  terminal id (UUID)
 * </pre>
 */
final class DenyListCodec implements BodyCodec<DenyList> {

    static final int SUBJECT_WRISTBAND = 0x01;
    static final int SUBJECT_WALLET = 0x02;
    static final int SUBJECT_TERMINAL = 0x03;
    /** Smallest entry: kind, action, reason, UID length, 4-byte UID. */
    static final int MIN_ENTRY_BYTES = 8;

    @Override
    public MessageType type() {
        return MessageType.DENY_LIST;
    }

    @Override
    public Class<DenyList> messageClass() {
        return DenyList.class;
    }

    @Override
    public void write(DenyList list, WireWriter out) {
        out.i64(list.version())
                .u8(list.mode().code())
                .i64(list.baseVersion())
                .i32(list.entries().size());
        for (DenyList.Entry entry : list.entries()) {
            switch (entry.subject()) {
                case DenyList.Wristband w ->
                    out.u8(SUBJECT_WRISTBAND)
                            .u8(entry.action().code())
                            .u8(entry.reason().code())
                            .bytes8(w.uid().unsafeArray());
                case DenyList.Wallet w ->
                    out.u8(SUBJECT_WALLET)
                            .u8(entry.action().code())
                            .u8(entry.reason().code())
                            .uuid(w.walletId().value());
                case DenyList.Terminal t ->
                    out.u8(SUBJECT_TERMINAL)
                            .u8(entry.action().code())
                            .u8(entry.reason().code())
                            .uuid(t.terminalId().value());
            }
        }
    }

    @Override
    public DenyList read(WireReader in) throws WireReader.Refusal {
        long version = in.i64AtLeast("version", 1);
        ListMode mode = Codes.listMode(in);
        long base = in.i64("base version");
        int count = in.count32("entry count", DenyList.MAX_ENTRIES, MIN_ENTRY_BYTES);
        List<DenyList.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.u8("entry " + i + " subject kind");
            ListAction action = Codes.listAction(in);
            int reasonCode = in.u8("entry " + i + " reason");
            DenyList.Reason reason = DenyList.Reason.fromCode(reasonCode)
                    .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "deny reason code " + reasonCode));
            DenyList.Subject subject =
                    switch (kind) {
                        case SUBJECT_WRISTBAND ->
                            new DenyList.Wristband(OpaqueBytes.adopt(in.bytes8(
                                    "entry " + i + " UID",
                                    AuthorisationRequest.MIN_UID_BYTES,
                                    AuthorisationRequest.MAX_UID_BYTES)));
                        case SUBJECT_WALLET -> new DenyList.Wallet(WalletId.of(in.uuid("entry " + i + " wallet id")));
                        case SUBJECT_TERMINAL ->
                            new DenyList.Terminal(TerminalId.of(in.uuid("entry " + i + " terminal id")));
                        default -> throw WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "deny subject kind " + kind);
                    };
            entries.add(new DenyList.Entry(subject, action, reason));
        }
        return new DenyList(version, mode, base, entries);
    }
}
