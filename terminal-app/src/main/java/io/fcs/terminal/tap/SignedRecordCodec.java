package io.fcs.terminal.tap;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.OperatorId;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.ShiftId;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Drafts into the protocol's signed transaction records ({@code io.fcs.protocol.record}): the
 * terminal's kinds map onto the protocol's, staff names onto stable operator ids, and the record
 * is signed with this terminal's key. The chain hash is the protocol's {@link SignedRecord#hash()}.
 */
public final class SignedRecordCodec implements RecordCodec {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RecordSigner signer;
    private final FestivalId festival;
    private final TerminalId terminal;
    private final ShiftId sessionShift;

    public SignedRecordCodec(Ed25519.SigningKey key, FestivalId festival, TerminalId terminal) {
        this.signer = new RecordSigner(key);
        this.festival = festival;
        this.terminal = terminal;
        this.sessionShift = ShiftId.of(nameUuid("session:" + terminal));
    }

    @Override
    public Encoded encode(RecordDraft draft, long sequence, byte[] previousHash) {
        SignedRecord signed = signer.sign(toRecord(draft, sequence, previousHash));
        return new Encoded(signed.encoded(), signed.hash().bytes());
    }

    /** The protocol record a draft becomes at its place in the chain. Visible for tests. */
    TransactionRecord toRecord(RecordDraft draft, long sequence, byte[] previousHash) {
        io.fcs.protocol.record.RecordKind kind =
                switch (draft.kind()) {
                    case SALE -> io.fcs.protocol.record.RecordKind.SALE;
                    case VOID -> io.fcs.protocol.record.RecordKind.VOID;
                    case TOPUP_CARD, TOPUP_CASH, CREDIT -> io.fcs.protocol.record.RecordKind.TOP_UP;
                    case CHECKIN -> io.fcs.protocol.record.RecordKind.CHECK_IN;
                    case BIND -> io.fcs.protocol.record.RecordKind.BIND;
                    case SHIFT_OPEN -> io.fcs.protocol.record.RecordKind.SHIFT_OPEN;
                    case SHIFT_CLOSE -> io.fcs.protocol.record.RecordKind.SHIFT_CLOSE;
                };
        TransactionRecord.Builder builder = TransactionRecord.builder(kind)
                .id(RecordId.parse(draft.recordId()))
                .festival(festival)
                .terminal(terminal)
                .chain(sequence, RecordHash.of(previousHash))
                .staff(operator(draft.operator()), shift(draft.shiftId()))
                .amount(draft.amount())
                .time(draft.at())
                .authority(authority(draft));
        if (!draft.uid().isEmpty()) {
            builder.wristband(WristbandUid.parse(draft.uid()));
        }
        if (isUuid(draft.walletId())) {
            builder.wallet(WalletId.parse(draft.walletId()));
        }
        switch (draft.kind()) {
            case SALE -> {
                for (RecordDraft.Line line : draft.lines()) {
                    builder.line(
                            line.code()
                                    .toUpperCase(
                                            java.util.Locale.ROOT), // price lists: lower case; record lines: upper case
                            line.quantity(),
                            Money.of(line.unitPriceMinor(), draft.amount().currency()));
                }
            }
            case VOID -> builder.references(RecordId.parse(draft.reference()));
            case TOPUP_CARD -> builder.payment(PaymentMethod.CARD);
            case TOPUP_CASH -> builder.payment(PaymentMethod.CASH);
            case CREDIT -> builder.payment(PaymentMethod.ONLINE);
            case CHECKIN, BIND -> {
                if (isUuid(draft.reference())) {
                    builder.ticket(TicketId.parse(draft.reference()));
                }
            }
            case SHIFT_OPEN, SHIFT_CLOSE -> {}
        }
        if (draft.counterAfter() > draft.counterBefore()) {
            builder.chip(ChipCounters.of(draft.counterBefore(), draft.counterAfter()));
        }
        return builder.build();
    }

    private static Authority authority(RecordDraft draft) {
        if (draft.kind() == RecordKind.SHIFT_OPEN || draft.kind() == RecordKind.SHIFT_CLOSE) {
            return Authority.LOCAL;
        }
        return draft.authority() == TapOutcome.Authority.OFFLINE ? Authority.OFFLINE : Authority.EDGE;
    }

    /** Staff enrolled by central carry their UUID; a name alone gets a stable name-based id. */
    static OperatorId operator(String operator) {
        OperatorId known = OPERATORS.get(operator);
        if (known != null) {
            return known;
        }
        OperatorId id = isUuid(operator)
                ? OperatorId.parse(operator.toLowerCase(java.util.Locale.ROOT))
                : OperatorId.of(nameUuid("operator:" + operator));
        if (OPERATORS.size() < MAX_KNOWN_OPERATORS) {
            OPERATORS.put(operator, id); // a shift's few operators: not hashed again at every record
        }
        return id;
    }

    private static final int MAX_KNOWN_OPERATORS = 1024;
    private static final java.util.Map<String, OperatorId> OPERATORS = new java.util.concurrent.ConcurrentHashMap<>();

    private ShiftId shift(String shiftId) {
        return isUuid(shiftId) ? ShiftId.parse(shiftId.toLowerCase(java.util.Locale.ROOT)) : sessionShift;
    }

    private static boolean isUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }

    private static UUID nameUuid(String name) {
        return UUID.nameUUIDFromBytes(Sha256.hash(name.getBytes(StandardCharsets.UTF_8)));
    }
}
