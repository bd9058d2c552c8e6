package io.fcs.system.simulation;

import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What really happened, kept outside every component (a crash cannot touch it): each record a
 * terminal committed, each wristband attacked, each chip write left pending. The invariants are
 * checked against it.
 */
final class Oracle {

    /** A record a terminal committed: it must reach central's ledger exactly once. */
    record Committed(String terminalName, SignedRecord signed) {
        TransactionRecord record() {
            return signed.record();
        }
    }

    final Map<String, Committed> committed = new LinkedHashMap<>();
    final TreeSet<String> attackedWallets = new TreeSet<>();
    final TreeSet<String> pendingWallets = new TreeSet<>();
    final TreeMap<String, Long> detections = new TreeMap<>();
    final TreeMap<String, String> unreconciledWallets = new TreeMap<>();
    long topUps;
    long sales;

    void committed(SimTerminal terminal, SignedRecord signed, Attendee attendee) {
        TransactionRecord record = signed.record();
        committed.put(record.id().toString(), new Committed(terminal.name, signed));
        if (record.kind() == RecordKind.TOP_UP) {
            topUps += record.amount().minor();
        } else if (record.kind() == RecordKind.SALE) {
            sales += record.amount().minor();
        }
    }

    void attacked(Attendee attendee) {
        attackedWallets.add(attendee.wallet.toString());
    }

    void detected(Attendee attendee, String how) {
        detections.merge(how, 1L, Long::sum);
    }

    /** A terminal could not tell whether its write reached the chip: reconciliation's to settle. */
    void unreconciled(Attendee attendee, io.fcs.protocol.value.RecordId record) {
        unreconciledWallets.put(attendee.wallet.toString(), record.toString());
    }

    void pendingWrite(Attendee attendee) {
        pendingWallets.add(attendee.wallet.toString());
    }

    long offlineSales(String wallet) {
        long sum = 0;
        for (Committed c : committed.values()) {
            TransactionRecord r = c.record();
            if (r.kind() == RecordKind.SALE
                    && r.authority() == Authority.OFFLINE
                    && r.wallet().map(Object::toString).orElse("").equals(wallet)) {
                sum += r.amount().minor();
            }
        }
        return sum;
    }
}
