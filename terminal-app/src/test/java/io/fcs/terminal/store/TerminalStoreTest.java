package io.fcs.terminal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalStoreTest {

    @TempDir
    Path dir;

    private TerminalStore store;
    private final Instant t0 = Instant.parse("2026-07-10T20:00:00Z");

    @BeforeEach
    void open() {
        store = TerminalStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void commit(long seq) {
        store.commit(
                OutboxEntry.stored(
                        seq, "r" + seq, new byte[] {(byte) seq}, new byte[] {1, (byte) seq}, t0.plusSeconds(seq)),
                new JournalLine(seq, "r" + seq, "SALE", "04aa", 100, 900L, "s1", "Alice", "EDGE", "", t0, false),
                Optional.empty());
    }

    @Test
    void recordsGoFromStoredToSentToAckedAndTheChainHeadFollows() {
        commit(1);
        commit(2);
        commit(3);

        assertThat(store.chainHead())
                .hasValueSatisfying(head -> assertThat(head.sequence()).isEqualTo(3));
        assertThat(store.stored(10)).extracting(OutboxEntry::sequence).containsExactly(1L, 2L, 3L);
        store.markSent(1, 3, t0);
        assertThat(store.stored(10)).isEmpty();
        assertThat(store.queueDepth()).isEqualTo(3);

        store.acknowledgeUpTo(2);
        assertThat(store.queueDepth()).isEqualTo(1);
        assertThat(store.watermark()).isEqualTo(2);
        assertThat(store.outboxCounts())
                .containsEntry(TerminalStore.OutboxState.ACKED, 2L)
                .containsEntry(TerminalStore.OutboxState.SENT, 1L);
    }

    @Test
    void aReconnectPutsSentButUnacknowledgedRecordsBackToBeResent() {
        commit(1);
        commit(2);
        store.markSent(1, 2, t0);
        store.acknowledgeUpTo(1);

        store.resendUnacknowledged();

        assertThat(store.stored(10)).extracting(OutboxEntry::sequence).containsExactly(2L);
    }

    @Test
    void pruningNeverDeletesAboveTheWatermarkNorTheChainHead() {
        for (long s = 1; s <= 4; s++) {
            commit(s);
        }
        store.markSent(1, 4, t0);
        store.acknowledgeUpTo(2);

        int deleted = store.pruneAcknowledged(t0.plusSeconds(3600));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.recordBytes(3)).isPresent();
        assertThat(store.recordBytes(4)).isPresent();
        assertThat(store.chainHead())
                .hasValueSatisfying(head -> assertThat(head.sequence()).isEqualTo(4));
    }

    @Test
    void aSequenceIsCommittedOnlyOnceAndAFailedCommitLeavesNoJournalLine() {
        commit(1);

        assertThatThrownBy(() -> commit(1)).isInstanceOf(StoreException.class);
        assertThat(store.journalOfKind("SALE")).hasSize(1);
    }

    @Test
    void everythingNeededToTradeSurvivesAColdStart() {
        commit(1);
        store.replaceCatalogue(List.of(new Product("BEER", "Beer", 550, "drinks")));
        store.denyWristband("04bb", "lost");
        store.revokeTicket("t1", "refunded");
        store.putSetting("identity.terminalId", "x");
        store.recordCheckIn(new CheckIn("t2", null, "Gate A", t0, CheckIn.Direction.IN, "g1"));
        store.bind("04cc", "t2", t0);
        store.openShift(new Shift("s1", Shift.CASH, "Carol", t0, 10000));
        store.close();

        store = TerminalStore.open(dir);

        assertThat(store.chainHead()).isPresent();
        assertThat(store.catalogue()).extracting(Product::code).containsExactly("BEER");
        assertThat(store.wristbandDenied("04bb")).contains("lost");
        assertThat(store.ticketRevoked("t1")).contains("refunded");
        assertThat(store.setting("identity.terminalId")).contains("x");
        assertThat(store.firstEntry("t2"))
                .hasValueSatisfying(c -> assertThat(c.place()).isEqualTo("Gate A"));
        assertThat(store.ticketOf("04cc")).contains("t2");
        assertThat(store.openShift(Shift.CASH))
                .hasValueSatisfying(s -> assertThat(s.floatMinor()).isEqualTo(10000));
    }

    @Test
    void aPendingChipWriteIsSetWithItsRecordAndClearedByTheNextRecordOfThatWristband() {
        store.commit(
                OutboxEntry.stored(1, "r1", new byte[] {1}, new byte[] {1}, t0),
                new JournalLine(1, "r1", "SALE", "04aa", 100, 900L, "s1", "A", "EDGE", "", t0, false),
                Optional.of(new PendingChipWrite("04aa", "r1", new byte[] {9}, t0)));
        assertThat(store.pendingChipWrite("04aa")).isPresent();

        commit(2);

        assertThat(store.pendingChipWrite("04aa")).isEmpty();
    }

    @Test
    void offlineSpendAddsUpPerWristbandAndDayAndCreditsApplyOnce() {
        store.addOfflineSpend("04aa", "2026-07-10", 300);
        store.addOfflineSpend("04aa", "2026-07-10", 200);

        assertThat(store.offlineSpent("04aa", "2026-07-10")).isEqualTo(500);
        assertThat(store.offlineSpent("04aa", "2026-07-11")).isZero();
        assertThat(store.markCreditApplied("c1", "04aa", 1000, t0)).isTrue();
        assertThat(store.markCreditApplied("c1", "04aa", 1000, t0)).isFalse();
    }

    @Test
    void whatATapOrAScanReadsFromMemoryIsWhatTheTablesSayAfterAColdStart() {
        store.recordCheckIn(new CheckIn("t1", null, "Gate B", t0.plusSeconds(60), CheckIn.Direction.IN, "g2"));
        store.recordCheckIn(new CheckIn("t1", null, "Gate A", t0, CheckIn.Direction.IN, "g1"));
        store.recordCheckIn(new CheckIn("t1", "04cc", "Gate A", t0.plusSeconds(60), CheckIn.Direction.OUT, "g1"));
        store.bind("04cc", "t1", t0);
        store.bind("04dd", "t1", t0); // a replacement wristband takes the ticket over
        store.putPendingChipWrite(new PendingChipWrite("04aa", "r9", new byte[] {7}, t0));
        store.addOfflineSpend("04aa", "2026-07-10", 300);
        store.putSetting(TerminalStore.CREDIT_PREFIX + "c1", "w1:500:EUR");
        Optional<CheckIn> first = store.firstEntry("t1");
        Optional<CheckIn> last = store.lastPassage("t1");
        store.close();

        store = TerminalStore.open(dir);

        assertThat(store.firstEntry("t1")).isEqualTo(first);
        assertThat(first).hasValueSatisfying(c -> assertThat(c.place()).isEqualTo("Gate A"));
        assertThat(store.lastPassage("t1")).isEqualTo(last);
        assertThat(last).hasValueSatisfying(c -> assertThat(c.direction()).isEqualTo(CheckIn.Direction.OUT));
        assertThat(store.passages("g1", CheckIn.Direction.IN)).isEqualTo(1);
        assertThat(store.passages("g1", CheckIn.Direction.OUT)).isEqualTo(1);
        assertThat(store.wristbandOf("t1")).contains("04dd");
        assertThat(store.ticketOf("04cc")).isEmpty();
        assertThat(store.pendingChipWrite("04aa"))
                .hasValueSatisfying(p -> assertThat(p.recordId()).isEqualTo("r9"));
        assertThat(store.offlineSpent("04aa", "2026-07-10")).isEqualTo(300);
        assertThat(store.owedCredits("w1"))
                .extracting(TerminalStore.OwedCredit::creditId)
                .containsExactly("c1");
    }

    @Test
    void aLandedChipWriteCostsNoCommitOfItsOwnAndIsDeletedWithTheNextRecord() throws Exception {
        store.putPendingChipWrite(new PendingChipWrite("04aa", "r9", new byte[] {7}, t0));

        store.clearPendingChipWrite("04aa");

        assertThat(store.pendingChipWrite("04aa")).isEmpty();
        assertThat(pendingRowsOnDisk()).isEqualTo(1); // a crash now: the next tap sees r9 on the chip
        store.commit(
                OutboxEntry.stored(1, "r1", new byte[] {1}, new byte[] {1}, t0),
                new JournalLine(1, "r1", "SALE", "04bb", 100, 900L, "s1", "A", "EDGE", "", t0, false),
                Optional.empty());
        assertThat(pendingRowsOnDisk()).isZero();
    }

    @Test
    void aLandedChipWriteIsDeletedAtCloseToo() throws Exception {
        store.putPendingChipWrite(new PendingChipWrite("04aa", "r9", new byte[] {7}, t0));
        store.clearPendingChipWrite("04aa");
        store.close();

        assertThat(pendingRowsOnDisk()).isZero();
        store = TerminalStore.open(dir);
        assertThat(store.pendingChipWrite("04aa")).isEmpty();
    }

    @Test
    void aFailedCommitChangesNeitherTheTablesNorWhatTheStoreAnswers() {
        commit(1);
        CheckIn passage = new CheckIn("t1", null, "Gate A", t0, CheckIn.Direction.IN, "g1");

        assertThatThrownBy(() -> store.commit(
                        OutboxEntry.stored(1, "again", new byte[] {1}, new byte[] {2}, t0),
                        new JournalLine(1, "again", "SALE", "04aa", 100, 900L, "s1", "A", "OFFLINE", "", t0, false),
                        new TerminalStore.Effects(
                                Optional.of(new PendingChipWrite("04aa", "again", new byte[] {9}, t0)),
                                Optional.of(passage),
                                Optional.of(new TerminalStore.OfflineSpend("04aa", "2026-07-10", 100)))))
                .isInstanceOf(StoreException.class);

        assertThat(store.firstEntry("t1")).isEmpty();
        assertThat(store.offlineSpent("04aa", "2026-07-10")).isZero();
        assertThat(store.pendingChipWrite("04aa")).isEmpty();
        assertThat(store.chainHead())
                .hasValueSatisfying(head -> assertThat(head.hash()).containsExactly(1, 1));
        store.close();
        store = TerminalStore.open(dir);
        assertThat(store.firstEntry("t1")).isEmpty();
        assertThat(store.offlineSpent("04aa", "2026-07-10")).isZero();
    }

    @Test
    void aRecordWithItsPassageAndOfflineSpendingIsOneTransaction() {
        store.commit(
                OutboxEntry.stored(1, "r1", new byte[] {1}, new byte[] {1}, t0),
                new JournalLine(1, "r1", "SALE", "04aa", 100, 900L, "s1", "A", "OFFLINE", "", t0, false),
                new TerminalStore.Effects(
                        Optional.empty(),
                        Optional.of(new CheckIn("t1", "04aa", "Gate A", t0, CheckIn.Direction.IN, "g1")),
                        Optional.of(new TerminalStore.OfflineSpend("04aa", "2026-07-10", 100))));
        store.close();

        store = TerminalStore.open(dir);

        assertThat(store.firstEntry("t1")).isPresent();
        assertThat(store.passages("g1", CheckIn.Direction.IN)).isEqualTo(1);
        assertThat(store.offlineSpent("04aa", "2026-07-10")).isEqualTo(100);
    }

    private long pendingRowsOnDisk() throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:sqlite:" + dir.resolve("terminal.db").toAbsolutePath());
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pending_chip_write")) {
            return rs.getLong(1);
        }
    }
}
