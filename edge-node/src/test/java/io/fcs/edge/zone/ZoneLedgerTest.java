package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.store.Database;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneLedgerTest {

    @TempDir
    Path dir;

    private static void accept(Database db, ZoneLedger ledger, SignedRecord record) {
        db.inTransaction(c -> {
            ledger.accepted(c, List.of(record));
            return null;
        });
        ledger.committed(List.of(record));
    }

    private static WalletReplica replicaWith(Database db, TestFestival festival) throws Exception {
        WalletReplica replica = new WalletReplica(db, new DenyList(db));
        replica.apply(new com.fasterxml.jackson.databind.ObjectMapper().readTree(festival.walletsJson(1)));
        return replica;
    }

    @Test
    void onlineTopUpLoadedOnAWristbandIsNotNewMoneyInTheZone() throws Exception {
        TestFestival festival = new TestFestival();
        String uid = festival.wallet(2_000); // central credited the online top-up already
        TerminalId kiosk = festival.enrol();
        WalletId wallet = festival.wristbands.get(uid);
        try (Database db = Database.open(dir)) {
            WalletReplica replica = replicaWith(db, festival);
            ZoneLedger ledger = new ZoneLedger(replica, new CheckinRegistry(db, Optional.empty()));
            accept(db, ledger, festival.chain(kiosk).topUp(uid, 2_000, PaymentMethod.ONLINE));
            assertThat(replica.available(wallet)).contains(2_000L);
            assertThat(replica.openHolds()).isZero();
        }
    }

    @Test
    void cashTopUpAtAKioskIsCountedOnceUntilCentralHasItInTheBalance() throws Exception {
        TestFestival festival = new TestFestival();
        String uid = festival.wallet(0);
        TerminalId kiosk = festival.enrol();
        WalletId wallet = festival.wristbands.get(uid);
        try (Database db = Database.open(dir)) {
            WalletReplica replica = replicaWith(db, festival);
            ZoneLedger ledger = new ZoneLedger(replica, new CheckinRegistry(db, Optional.empty()));
            accept(db, ledger, festival.chain(kiosk).topUp(uid, 2_000, PaymentMethod.CASH));
            assertThat(replica.available(wallet)).contains(2_000L);
        }
    }
}
