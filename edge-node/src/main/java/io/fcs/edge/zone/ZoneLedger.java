package io.fcs.edge.zone;

import io.fcs.edge.inbox.Inbox;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.WalletId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What accepted records mean for the zone: sales and refunds debit the replica (taking over the
 * hold of the authorisation that approved them), top-ups credit it, check-ins feed the
 * anti-passback registry. An online top-up loaded onto a wristband moves no money (central
 * credited the wallet when it was paid). Written in the inbox's transaction, so a record and its effect on the
 * zone commit together.
 */
public final class ZoneLedger implements Inbox.Listener {

    private final WalletReplica wallets;
    private final CheckinRegistry checkins;
    private final ThreadLocal<List<Object[]>> pending = ThreadLocal.withInitial(ArrayList::new);

    public ZoneLedger(WalletReplica wallets, CheckinRegistry checkins) {
        this.wallets = wallets;
        this.checkins = checkins;
    }

    @Override
    public void accepted(Connection c, List<SignedRecord> records) throws SQLException {
        List<Object[]> deltas = pending.get();
        deltas.clear();
        for (SignedRecord signed : records) {
            TransactionRecord r = signed.record();
            String terminal = r.terminal().toString();
            long signedAmount =
                    switch (r.kind()) {
                        case SALE, REFUND -> r.amount().minor();
                        // an online top-up loaded onto the wristband: central credited the wallet
                        // when it was paid, so the record brings no new money into the zone
                        case TOP_UP ->
                            r.payment().orElse(null) == io.fcs.protocol.record.PaymentMethod.ONLINE
                                    ? 0
                                    : -r.amount().minor();
                        default -> 0;
                    };
            if (signedAmount != 0) {
                Optional<WalletId> wallet =
                        r.wallet().or(() -> r.wristband().flatMap(uid -> wallets.walletOf(Bytes.hex(uid.bytes()))));
                if (wallet.isPresent()) {
                    long delta = wallets.recordArrived(c, terminal, r.sequence(), wallet.get(), signedAmount);
                    deltas.add(new Object[] {wallet.get(), delta});
                }
            }
            if (r.kind() == io.fcs.protocol.record.RecordKind.CHECK_IN) {
                if (r.ticket().isPresent()) {
                    checkins.learnRecorded(c, r.ticket().get().toString(), terminal, r.time(), r.id().value());
                }
                if (r.wristband().isPresent()) {
                    checkins.learn(
                            c,
                            CheckinRegistry.wristband(
                                    Bytes.hex(r.wristband().get().bytes())),
                            terminal,
                            r.time());
                }
            }
        }
    }

    @Override
    public void committed(List<SignedRecord> records) {
        List<Object[]> deltas = pending.get();
        for (Object[] d : deltas) {
            wallets.adjustHeld((WalletId) d[0], (Long) d[1]);
        }
        deltas.clear();
    }
}
