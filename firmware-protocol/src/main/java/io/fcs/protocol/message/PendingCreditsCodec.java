package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pending credits body (after the 4-byte header, type 0x14). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     8  version (i64, &gt;= 1)
 *      12     4  credit count n (i32, 0..1,000,000)
 *      16        n times (credit ids unique):
 *                 16  credit id (UUID)
 *                 16  wallet id (UUID)
 *                  8  amount, minor units (i64, &gt; 0)
 *                  3  currency (ASCII A-Z)
 * </pre>
 */
final class PendingCreditsCodec implements BodyCodec<PendingCredits> {

    static final int CREDIT_BYTES = 43;

    @Override
    public MessageType type() {
        return MessageType.PENDING_CREDITS;
    }

    @Override
    public Class<PendingCredits> messageClass() {
        return PendingCredits.class;
    }

    @Override
    public void write(PendingCredits message, WireWriter out) {
        out.i64(message.version()).i32(message.credits().size());
        for (PendingCredits.Credit credit : message.credits()) {
            out.uuid(credit.creditId()).uuid(credit.walletId().value()).money(credit.amount());
        }
    }

    @Override
    public PendingCredits read(WireReader in) throws WireReader.Refusal {
        long version = in.i64AtLeast("version", 1);
        int count = in.count32("credit count", PendingCredits.MAX_CREDITS, CREDIT_BYTES);
        List<PendingCredits.Credit> credits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID creditId = in.uuid("credit " + i + " id");
            WalletId wallet = WalletId.of(in.uuid("credit " + i + " wallet id"));
            Money amount = in.money("credit " + i + " amount");
            if (!amount.isPositive()) {
                throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "credit " + i + " amount " + amount);
            }
            credits.add(new PendingCredits.Credit(creditId, wallet, amount));
        }
        return new PendingCredits(version, credits);
    }
}
