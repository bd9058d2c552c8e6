package io.fcs.edge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.store.Database;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.TerminalId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {

    @TempDir
    Path dir;

    TestFestival festival = new TestFestival();
    TerminalId terminal = festival.enrol();
    String uid = festival.wallet(10_000);
    EdgeMetrics metrics = new EdgeMetrics();
    Database db;
    RecordStore store;
    TerminalKeys keys;
    Inbox inbox;

    @BeforeEach
    void open() {
        reopen();
    }

    void reopen() {
        if (db != null) {
            db.close();
        }
        db = Database.open(dir);
        store = new RecordStore(db);
        keys = new TerminalKeys(db);
        for (var e : festival.terminals.entrySet()) {
            keys.put(new TerminalKeys.Terminal(
                    e.getKey(), e.getValue().verificationKey(), festival.zone.toString(), "POS", Optional.empty()));
        }
        inbox = new Inbox(festival.festival, store, keys, metrics, MessageCodec.DEFAULT_MAX_BYTES);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static RecordBatch batch(TerminalId terminal, List<SignedRecord> records) {
        return RecordBatch.of(
                terminal, records.getFirst().record().sequence(), TestFestival.encoded(records), records.size());
    }

    @Test
    void aBatchIsStoredDurablyAndAckedUpToItsLastSequence() {
        var chain = festival.chain(terminal);
        Inbox.Acked acked = inbox.receive(batch(terminal, chain.sales(uid, 5, 250)));
        assertThat(acked.ack().watermark()).isEqualTo(5);
        assertThat(acked.ack().missing()).isEmpty();
        reopen();
        assertThat(store.recordCount()).isEqualTo(5);
        assertThat(store.backlog()).isEqualTo(5);
        assertThat(store.chains()).singleElement().satisfies(c -> assertThat(c.watermark())
                .isEqualTo(5));
    }

    @Test
    void theSameBatchAgainIsAbsorbedAndAckedTheSameWay() {
        var records = festival.chain(terminal).sales(uid, 4, 100);
        inbox.receive(batch(terminal, records));
        Inbox.Acked again = inbox.receive(batch(terminal, records));
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.ack().watermark()).isEqualTo(4);
        assertThat(store.recordCount()).isEqualTo(4);
    }

    @Test
    void aGapIsReportedAsMissingAndTheWatermarkJumpsWhenItIsFilled() {
        var records = festival.chain(terminal).sales(uid, 8, 100);
        inbox.receive(batch(terminal, records.subList(0, 3)));
        Inbox.Acked gap = inbox.receive(batch(terminal, records.subList(5, 8)));
        assertThat(gap.ack().watermark()).isEqualTo(3);
        assertThat(gap.ack().missing()).containsExactly(SequenceRange.of(4, 5));
        Inbox.Acked filled = inbox.receive(batch(terminal, records.subList(3, 5)));
        assertThat(filled.ack().watermark()).isEqualTo(8);
        assertThat(filled.ack().missing()).isEmpty();
    }

    @Test
    void reorderedAndDuplicatedSingleDeliveriesEndAtTheSameWatermark() {
        var records = festival.chain(terminal).sales(uid, 30, 100);
        List<SignedRecord> deliveries = new ArrayList<>(records);
        deliveries.addAll(records.subList(0, 10));
        Collections.shuffle(deliveries, new Random(42));
        for (SignedRecord r : deliveries) {
            inbox.receive(batch(terminal, List.of(r)));
        }
        assertThat(inbox.currentAck(terminal).watermark()).isEqualTo(30);
        assertThat(store.recordCount()).isEqualTo(30);
    }

    @Test
    void theSameSequenceWithOtherBytesIsRefusedAndAlerted() {
        var honest = festival.chain(terminal);
        inbox.receive(batch(terminal, honest.sales(uid, 3, 100)));
        var clone = festival.chain(terminal);
        clone.sales(uid, 2, 100);
        SignedRecord other = clone.sale(uid, 999);
        Inbox.Acked acked = inbox.receive(batch(terminal, List.of(other)));
        assertThat(acked.ack().refused()).singleElement().satisfies(r -> {
            assertThat(r.sequence()).isEqualTo(3);
            assertThat(r.reason()).isIn(RefusedRecord.Reason.CONFLICTING_DUPLICATE, RefusedRecord.Reason.FORK);
        });
        assertThat(store.alertCount()).isEqualTo(1);
        assertThat(store.recordCount()).isEqualTo(3);
    }

    @Test
    void aConflictIsStillDetectedAfterARestart() {
        inbox.receive(batch(terminal, festival.chain(terminal).sales(uid, 3, 100)));
        reopen();
        var clone = festival.chain(terminal);
        clone.sales(uid, 1, 100);
        Inbox.Acked acked = inbox.receive(batch(terminal, List.of(clone.sale(uid, 777))));
        assertThat(acked.ack().refused())
                .extracting(RefusedRecord::reason)
                .containsExactly(RefusedRecord.Reason.CONFLICTING_DUPLICATE);
        assertThat(acked.ack().watermark()).isEqualTo(3);
    }

    @Test
    void aForgedSignatureIsRefusedCountedAndNotStored() {
        var records = festival.chain(terminal).sales(uid, 2, 100);
        byte[] forged = records.get(1).encoded();
        forged[forged.length - 1] ^= 1;
        RecordBatch batch = RecordBatch.of(terminal, 1, List.of(records.get(0).encoded(), forged), 2);
        Inbox.Acked acked = inbox.receive(batch);
        assertThat(acked.ack().watermark()).isEqualTo(1);
        assertThat(acked.ack().refused()).containsExactly(new RefusedRecord(2, RefusedRecord.Reason.BAD_SIGNATURE));
        assertThat(metrics.refusedCount("bad_signature")).isEqualTo(1);
        assertThat(store.recordCount()).isEqualTo(1);
    }

    @Test
    void recordsOfAnUnknownTerminalAreNeitherStoredNorSettled() {
        TestFestival other = new TestFestival();
        TerminalId stranger = other.enrol();
        var records = other.chain(stranger).sales(other.wallet(100), 2, 10);
        Inbox.Acked acked = inbox.receive(batch(stranger, records));
        assertThat(acked.ack().watermark()).isZero();
        assertThat(acked.ack().refused()).isEmpty();
        assertThat(metrics.refusedCount("unknown_terminal")).isEqualTo(2);
        assertThat(store.recordCount()).isZero();
    }

    @Test
    void recordsSignedAfterTheTerminalWasRevokedAreRefused() {
        var chain = festival.chain(terminal);
        inbox.receive(batch(terminal, chain.sales(uid, 2, 100)));
        keys.revoke(terminal, Instant.now().minusSeconds(1));
        Inbox.Acked acked = inbox.receive(batch(terminal, List.of(chain.sale(uid, 100))));
        assertThat(acked.ack().refused()).containsExactly(new RefusedRecord(3, RefusedRecord.Reason.TERMINAL_REVOKED));
        assertThat(store.recordCount()).isEqualTo(2);
    }

    @Test
    void garbageAndBatchesOnAnotherTerminalsTopicAreRefusedWithAReason() {
        assertThat(inbox.receive(terminal, new byte[] {1, 2, 3})).isInstanceOf(Inbox.Refused.class);
        TerminalId other = festival.enrol();
        byte[] payload =
                inbox.codec().encode(batch(terminal, festival.chain(terminal).sales(uid, 1, 100)));
        assertThat(inbox.receive(other, payload))
                .isEqualTo(
                        new Inbox.Refused("terminal_mismatch", "batch of " + terminal + " on the topic of " + other));
        assertThat(metrics.refusedCount("bad_magic") + metrics.refusedCount("truncated"))
                .isEqualTo(1);
        assertThat(store.recordCount()).isZero();
    }

    @Test
    void recordsOfAnotherFestivalAreRefused() {
        TestFestival other = new TestFestival();
        other.terminals.put(terminal, festival.terminals.get(terminal));
        var records = other.chain(terminal).sales(other.wallet(100), 1, 10);
        Inbox.Acked acked = inbox.receive(batch(terminal, records));
        assertThat(acked.ack().refused()).containsExactly(new RefusedRecord(1, RefusedRecord.Reason.WRONG_FESTIVAL));
    }
}
