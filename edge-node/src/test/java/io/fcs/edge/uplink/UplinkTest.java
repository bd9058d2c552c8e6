package io.fcs.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.edge.inbox.Inbox;
import io.fcs.edge.inbox.RecordStore;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.store.Database;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkTest {

    @TempDir
    Path dir;

    TestFestival festival = new TestFestival();
    TerminalId a = festival.enrol();
    TerminalId b = festival.enrol();
    String uid = festival.wallet(100_000);
    EdgeMetrics metrics = new EdgeMetrics();
    EdgeId edge = EdgeId.random();
    Database db;
    RecordStore store;
    Inbox inbox;
    FakeCentral central;
    Uplink uplink;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir);
        store = new RecordStore(db);
        TerminalKeys keys = new TerminalKeys(db);
        for (var e : festival.terminals.entrySet()) {
            keys.put(new TerminalKeys.Terminal(
                    e.getKey(), e.getValue().verificationKey(), null, "POS", Optional.empty()));
        }
        inbox = new Inbox(festival.festival, store, keys, metrics, MessageCodec.DEFAULT_MAX_BYTES);
        central = new FakeCentral(festival);
        uplink = new Uplink(
                store, new CentralClient(URI.create(central.url()), edge, Duration.ofSeconds(5)), metrics, 100);
    }

    @AfterEach
    void close() {
        uplink.close();
        central.close();
        db.close();
    }

    void receive(TerminalId terminal, TestFestival.Chain chain, int count) {
        var records = chain.sales(uid, count, 100);
        inbox.receive(
                RecordBatch.of(terminal, records.getFirst().record().sequence(), TestFestival.encoded(records), count));
    }

    void drainFully() {
        for (int i = 0; i < 1_000 && uplink.drainOnce(); i++) {
            // bounded: each pass sends at most one batch per terminal
        }
    }

    @Test
    void everyRecordReachesCentralOnceInSequenceOrderAndIsConfirmedByItsWatermark() {
        receive(a, festival.chain(a), 250);
        receive(b, festival.chain(b), 40);
        drainFully();
        assertThat(central.applied.get()).isEqualTo(290);
        assertThat(central.watermark(a)).isEqualTo(250);
        assertThat(central.watermark(b)).isEqualTo(40);
        assertThat(store.backlog()).isZero();
        assertThat(store.countInState(RecordStore.State.CONFIRMED)).isEqualTo(290);
        assertThat(central.edgeHeaders).allMatch(edge.toString()::equals);
    }

    @Test
    void whileCentralIsDownNothingIsDroppedAndTheBacklogDrainsWhenItReturns() {
        var chain = festival.chain(a);
        receive(a, chain, 30);
        central.down(true);
        assertThatThrownBy(uplink::drainOnce).isInstanceOf(CentralClient.Unreachable.class);
        receive(a, chain, 70);
        assertThat(store.backlog()).isEqualTo(100);
        assertThat(store.countInState(RecordStore.State.CONFIRMED)).isZero();
        central.down(false);
        drainFully();
        assertThat(central.applied.get()).isEqualTo(100);
        assertThat(store.backlog()).isZero();
    }

    @Test
    void aBatchResentAfterALostAnswerIsAbsorbedByCentral() {
        var chain = festival.chain(a);
        receive(a, chain, 10);
        drainFully();
        // the edge forgets central's answer (crash before the confirm committed): it sends again
        store.rewind(a, 0);
        drainFully();
        assertThat(central.applied.get()).isEqualTo(10);
        assertThat(central.duplicates.get()).isEqualTo(10);
        assertThat(store.backlog()).isZero();
    }

    @Test
    void recordsAboveAGapAtTheEdgeWaitUntilTheGapIsFilled() {
        var chain = festival.chain(a);
        var records = chain.sales(uid, 10, 100);
        inbox.receive(RecordBatch.of(a, 1, TestFestival.encoded(records.subList(0, 4)), 10));
        inbox.receive(RecordBatch.of(a, 7, TestFestival.encoded(records.subList(6, 10)), 10));
        drainFully();
        assertThat(central.watermark(a)).isEqualTo(4);
        inbox.receive(RecordBatch.of(a, 5, TestFestival.encoded(records.subList(4, 6)), 10));
        drainFully();
        assertThat(central.watermark(a)).isEqualTo(10);
        assertThat(central.applied.get()).isEqualTo(10);
    }

    @Test
    void theRunningUplinkDrainsInTheBackgroundAfterAnOutage() throws Exception {
        central.down(true);
        receive(a, festival.chain(a), 500);
        uplink.start();
        Thread.sleep(300);
        assertThat(store.backlog()).isEqualTo(500);
        central.down(false);
        for (int i = 0; i < 300 && store.backlog() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(store.backlog()).isZero();
        assertThat(central.applied.get()).isEqualTo(500);
    }
}
