package io.fcs.edge.uplink;

import io.fcs.edge.inbox.RecordStore;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.value.TerminalId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward of every record to central: per terminal, in sequence order, in batches
 * ({@code POST /sync/v1/records}). A record goes stored → sent → confirmed only when central's
 * watermark covers it; nothing is skipped and nothing deleted before. While central is away the
 * loop backs off with jitter; when it answers again the backlog drains back to back.
 */
public final class Uplink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Uplink.class);
    /** Room for the batch header inside central's 1 MiB message limit. */
    static final int MAX_BATCH_BYTES = MessageCodec.DEFAULT_MAX_BYTES - 64 * 1024;

    private final RecordStore store;
    private final CentralClient central;
    private final EdgeMetrics metrics;
    private final int batchSize;
    private final MessageCodec codec = MessageCodec.standard();
    private final Backoff backoff =
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), RandomGenerator.of("L64X128MixRandom"));
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean centralUp;
    private volatile BiConsumer<TerminalId, Long> onConfirmed = (t, w) -> {};

    public Uplink(RecordStore store, CentralClient central, EdgeMetrics metrics, int batchSize) {
        this.store = store;
        this.central = central;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.thread = new Thread(this::loop, "uplink");
        this.thread.setDaemon(true);
    }

    /** Called after central's watermark for a terminal moved (the zone settles its holds). */
    public void onConfirmed(BiConsumer<TerminalId, Long> listener) {
        this.onConfirmed = listener;
    }

    public void start() {
        thread.start();
    }

    /** New records are stored: send them without waiting for the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    public boolean centralUp() {
        return centralUp;
    }

    private void loop() {
        while (running) {
            try {
                boolean sentSomething = drainOnce();
                backoff.succeeded();
                if (!centralUp) {
                    centralUp = true;
                    log.info("event=central_reachable feed=uplink backlog={}", store.backlog());
                }
                if (!sentSomething) {
                    wake.tryAcquire(500, TimeUnit.MILLISECONDS);
                }
            } catch (CentralClient.Unreachable e) {
                Duration wait = backoff.failed();
                if (centralUp || backoff.failures() == 1) {
                    log.warn(
                            "event=central_unreachable feed=uplink error=\"{}\" retry_ms={} backlog={}",
                            e.getMessage(),
                            wait.toMillis(),
                            store.backlog());
                }
                centralUp = false;
                sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Duration wait = backoff.failed();
                log.error("event=uplink_failed error=\"{}\" retry_ms={}", e.toString(), wait.toMillis(), e);
                sleep(wait);
            }
        }
    }

    private void sleep(Duration wait) {
        try {
            wake.tryAcquire(0); // a wake-up does not cut a backoff short
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One pass over every terminal with a backlog; true when at least one batch went up. */
    public boolean drainOnce() {
        boolean sent = false;
        for (RecordStore.ChainState chain : store.terminalsWithBacklog()) {
            sent |= sendNext(chain.terminal(), Math.max(0, chain.centralWatermark()));
        }
        return sent;
    }

    private boolean sendNext(TerminalId terminal, long centralWatermark) {
        List<RecordStore.Pending> run = store.run(terminal, centralWatermark + 1, batchSize, MAX_BATCH_BYTES);
        if (run.isEmpty()) {
            return false;
        }
        RecordBatch batch = RecordBatch.of(
                terminal,
                run.getFirst().sequence(),
                run.stream().map(RecordStore.Pending::encoded).toList(),
                run.size());
        long first = run.getFirst().sequence();
        long last = run.getLast().sequence();
        store.markSent(terminal, first, last);
        byte[] answer = central.postRecords(codec.encode(batch));
        DecodeResult<WatermarkAck> decoded = codec.decode(answer, WatermarkAck.class);
        if (decoded instanceof DecodeResult.Refused<WatermarkAck> refused) {
            metrics.refused("central_ack", refused.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw new CentralClient.Unreachable("central's ack is not a WatermarkAck: " + refused.detail());
        }
        WatermarkAck ack = ((DecodeResult.Decoded<WatermarkAck>) decoded).message();
        if (!ack.terminalId().equals(terminal)) {
            throw new CentralClient.Unreachable("central acked " + ack.terminalId() + " for a batch of " + terminal);
        }
        List<Long> refusedSeqs =
                ack.refused().stream().map(RefusedRecord::sequence).toList();
        for (RefusedRecord r : ack.refused()) {
            metrics.refused("central", r.reason().name().toLowerCase(java.util.Locale.ROOT));
            store.alert("CENTRAL_REFUSED_" + r.reason().name(), terminal, r.sequence(), "refused by central");
        }
        long confirmed = store.confirm(terminal, ack.watermark(), refusedSeqs);
        metrics.recordsOut(confirmed);
        if (confirmed > 0) {
            onConfirmed.accept(terminal, ack.watermark());
        }
        if (ack.watermark() < first - 1) {
            // central lacks records it had confirmed before (restored from a backup?): send them again
            store.rewind(terminal, ack.watermark());
            log.warn(
                    "event=central_watermark_regressed terminal={} watermark={} expected_at_least={}",
                    terminal,
                    ack.watermark(),
                    first - 1);
        }
        if (ack.watermark() < first && refusedSeqs.isEmpty()) {
            // central holds none of them yet (a gap on its side before ours): retry after a pause
            throw new CentralClient.Unreachable("central's watermark " + ack.watermark() + " for " + terminal
                    + " is below the batch " + first + ".." + last + ", missing " + ack.missing());
        }
        return confirmed > 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
