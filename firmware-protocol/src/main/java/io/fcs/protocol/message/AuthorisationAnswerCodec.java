package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorisation answer body (after the 4-byte header, type 0x04). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  correlation id (UUID), as in the request
 *      20     1  outcome (u8, {@link AuthorisationOutcome})
 *      21     1  flags: bit 0 wallet id, bit 1 balance after, bit 2 pending credit,
 *                bit 3 offline allowance present; other bits 0
 *       .    16  wallet id (UUID)                              if bit 0
 *       .    11  balance after: i64 minor units + 3 ASCII currency    if bit 1
 *       .    11  pending credit: i64 minor units (&gt; 0) + currency   if bit 2
 *       .     1    credit id count k (u8, 1..255)                       if bit 2
 *       .  16*k    credit ids (UUID)                                    if bit 2
 *       .    11  offline allowance: i64 minor (&gt;= 0) + currency    if bit 3
 * </pre>
 */
final class AuthorisationAnswerCodec implements BodyCodec<AuthorisationAnswer> {

    static final int FLAG_WALLET_ID = 0x01;
    static final int FLAG_BALANCE_AFTER = 0x02;
    static final int FLAG_PENDING_CREDIT = 0x04;
    static final int FLAG_OFFLINE_ALLOWANCE = 0x08;
    static final int ALL_FLAGS = FLAG_WALLET_ID | FLAG_BALANCE_AFTER | FLAG_PENDING_CREDIT | FLAG_OFFLINE_ALLOWANCE;
    static final int UUID_BYTES = 16;

    @Override
    public MessageType type() {
        return MessageType.AUTHORISATION_ANSWER;
    }

    @Override
    public Class<AuthorisationAnswer> messageClass() {
        return AuthorisationAnswer.class;
    }

    @Override
    public void write(AuthorisationAnswer answer, WireWriter out) {
        int flags = (answer.walletId().isPresent() ? FLAG_WALLET_ID : 0)
                | (answer.balanceAfter().isPresent() ? FLAG_BALANCE_AFTER : 0)
                | (answer.pendingCredit().isPresent() ? FLAG_PENDING_CREDIT : 0)
                | (answer.offlineAllowance().isPresent() ? FLAG_OFFLINE_ALLOWANCE : 0);
        out.uuid(answer.correlationId()).u8(answer.outcome().code()).u8(flags);
        answer.walletId().ifPresent(wallet -> out.uuid(wallet.value()));
        answer.balanceAfter().ifPresent(out::money);
        answer.pendingCredit().ifPresent(credit -> {
            out.money(credit.amount()).u8(credit.creditIds().size());
            credit.creditIds().forEach(out::uuid);
        });
        answer.offlineAllowance().ifPresent(out::money);
    }

    @Override
    public AuthorisationAnswer read(WireReader in) throws WireReader.Refusal {
        UUID correlation = in.uuid("correlation id");
        int outcomeCode = in.u8("outcome");
        AuthorisationOutcome outcome = AuthorisationOutcome.fromCode(outcomeCode)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "outcome code " + outcomeCode));
        int flags = in.flags("flags", ALL_FLAGS);
        Optional<WalletId> wallet =
                (flags & FLAG_WALLET_ID) != 0 ? Optional.of(WalletId.of(in.uuid("wallet id"))) : Optional.empty();
        Optional<Money> balance =
                (flags & FLAG_BALANCE_AFTER) != 0 ? Optional.of(in.money("balance after")) : Optional.empty();
        Optional<AuthorisationAnswer.PendingCredit> pending = Optional.empty();
        if ((flags & FLAG_PENDING_CREDIT) != 0) {
            Money amount = in.money("pending credit");
            if (!amount.isPositive()) {
                throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "pending credit must be positive: " + amount);
            }
            int count = in.u8("credit id count");
            if (count == 0) {
                throw WireReader.refuse(DecodeRefusal.LENGTH_OUT_OF_RANGE, "credit id count is 0");
            }
            if (count * UUID_BYTES > in.remaining()) {
                throw WireReader.refuse(
                        DecodeRefusal.LENGTH_OUT_OF_RANGE,
                        "credit id count " + count + " cannot fit in the " + in.remaining() + " bytes left");
            }
            List<UUID> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.uuid("credit id " + i));
            }
            pending = Optional.of(new AuthorisationAnswer.PendingCredit(amount, ids));
        }
        Optional<Money> allowance = (flags & FLAG_OFFLINE_ALLOWANCE) != 0
                ? Optional.of(in.moneyNonNegative("offline allowance"))
                : Optional.empty();
        return new AuthorisationAnswer(correlation, outcome, wallet, balance, pending, allowance);
    }
}
