package io.fcs.terminal.sync;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Store-and-forward to the edge. Records leave the outbox in sequence order, in batches, as soon
 * as they are committed and again after every reconnect (sent but unacknowledged ones are
 * resent: the edge absorbs duplicates by (terminal, sequence)); the edge's watermark marks them
 * acknowledged. Payments are authorised by the edge while it answers in time; otherwise the
 * terminal switches to offline on its own, and back when the edge returns. Downlinked price
 * lists, deny lists and pending credits go into the store.
 */
public final class SyncClient implements Authoriser, AutoCloseable {

    static final int BATCH = 200;

    /** Where the downlinked configuration's settings are stored: {@code downlink.<name>}. */
    public static final String DOWNLINK_PREFIX = "downlink.";

    static final String CONFIG_VERSION = "config.version";
    static final Duration RESEND_EVERY = Duration.ofSeconds(5);
    /** How many releases wait for the edge at most while it is unreachable. */
    static final int MAX_PENDING_RELEASES = 1_000;

    private final Uplink uplink;
    private final SyncCodec codec;
    private final TerminalStore store;
    private final Clock clock;
    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<io.fcs.terminal.gate.ZoneAdmission.Answer>> admissions =
            new ConcurrentHashMap<>();
    private final List<Consumer<CheckIn>> checkInListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SyncCodec.Config>> configListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> lastSync = new AtomicReference<>();
    private final Object wake = new Object();
    /** Gate releases (decision 0255) not yet handed to the broker, oldest first. */
    private final java.util.ArrayDeque<byte[]> pendingReleases = new java.util.ArrayDeque<>();

    private volatile boolean running;
    private volatile boolean readerPresent = true;
    private volatile boolean resendNeeded = true;
    /** The edge's last live presence was a death (clean stop or last will); its next birth clears it. */
    private volatile boolean edgeGone;

    /** This terminal's clock minus the edge's, from the edge's live presence; null until measured. */
    private volatile Long clockSkewMillis;

    private Thread sender;

    public SyncClient(Uplink uplink, SyncCodec codec, TerminalStore store, Clock clock) {
        this.uplink = uplink;
        this.codec = codec;
        this.store = store;
        this.clock = clock;
    }

    public void start() {
        uplink.onConnectionChange(up -> {
            if (up) {
                resendNeeded = true;
                wake();
            }
        });
        uplink.subscribe(
                codec.acksFilter(), (topic, payload) -> codec.decodeAck(payload).ifPresent(this::acked));
        uplink.subscribe(codec.authorisationAnswerFilter(), (topic, payload) -> codec.decodeAuthorisation(payload)
                .ifPresent(answer -> {
                    CompletableFuture<Answer> future = waiting.remove(answer.recordId());
                    if (future != null) {
                        future.complete(answer.answer());
                    }
                }));
        uplink.subscribe(codec.admissionAnswerFilter(), (topic, payload) -> codec.decodeAdmission(payload)
                .ifPresent(reply -> {
                    CompletableFuture<io.fcs.terminal.gate.ZoneAdmission.Answer> future =
                            admissions.remove(reply.correlationId());
                    if (future != null) {
                        future.complete(reply.answer());
                    }
                }));
        uplink.subscribe(codec.checkInFilter(), (topic, payload) -> codec.decodeCheckIn(payload)
                .ifPresent(checkIn -> checkInListeners.forEach(listener -> listener.accept(checkIn))));
        // only live copies: the retained one is as old as the edge's last presence (decision 0251)
        uplink.subscribeLive(codec.edgePresenceFilter(), (topic, payload) -> {
            codec.decodeEdgeAlive(payload).ifPresent(alive -> edgeGone = !alive);
            codec.decodeEdgeTime(payload)
                    .ifPresent(edgeTime -> clockSkewMillis =
                            Duration.between(edgeTime, clock.instant()).toMillis());
        });
        for (String filter : codec.downlinkFilters()) {
            uplink.subscribe(filter, this::downlink);
        }
        running = true;
        sender = Thread.ofPlatform().daemon().name("sync-sender").start(this::sendLoop);
        uplink.connect();
    }

    /** Something was committed: send it now rather than at the next round. */
    public void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public boolean connected() {
        return uplink.connected();
    }

    public Optional<Instant> lastSync() {
        return Optional.ofNullable(lastSync.get());
    }

    /**
     * This terminal's clock minus the edge's, measured when the edge's presence arrives (its
     * delivery delay counts as skew, a few milliseconds on the zone's network); empty until then.
     */
    public java.util.OptionalLong clockSkewMillis() {
        Long skew = clockSkewMillis;
        return skew == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(skew);
    }

    public void readerPresent(boolean present) {
        this.readerPresent = present;
    }

    public void onConfig(Consumer<SyncCodec.Config> listener) {
        configListeners.add(listener);
    }

    public void onCheckIn(Consumer<CheckIn> listener) {
        checkInListeners.add(listener);
    }

    /** Best effort: a gate's passage to the other gates of the zone (the record follows in the outbox). */
    public void publishCheckIn(CheckIn checkIn) {
        if (uplink.connected()) {
            uplink.publish(codec.checkInTopic(), codec.encodeCheckIn(checkIn));
        }
    }

    @Override
    public Answer authorise(
            String recordId,
            String uid,
            String walletId,
            Money amount,
            Money chipBalance,
            long chipCounter,
            Duration timeout) {
        if (!uplink.connected()) {
            return new Unreachable("offline");
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(recordId, answer);
        try {
            uplink.publish(
                            codec.authorisationRequestTopic(),
                            codec.encodeAuthorisation(recordId, uid, walletId, amount, chipBalance, chipCounter))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Unreachable("edge did not answer in " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Unreachable("edge unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        } finally {
            waiting.remove(recordId);
        }
    }

    /** This client as the gate's port to its zone (decisions 0250, 0254). */
    public io.fcs.terminal.gate.ZoneAdmission zoneAdmission() {
        SyncClient client = this;
        return new io.fcs.terminal.gate.ZoneAdmission() {
            @Override
            public Answer ask(
                    String correlationId,
                    String ticketId,
                    Optional<String> uid,
                    String gateName,
                    Instant at,
                    Duration wait,
                    Kind kind) {
                return client.admit(correlationId, ticketId, uid, gateName, at, wait, kind);
            }

            @Override
            public void release(
                    String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at) {
                client.release(correlationId, ticketId, uid, gateName, at);
            }
        };
    }

    /**
     * Asks the zone's edge whether a verified ticket may enter (decision 0250); {@code NoAnswer}
     * when offline or when no answer came within {@code wait} (a late answer is ignored).
     */
    public io.fcs.terminal.gate.ZoneAdmission.Answer admit(
            String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at, Duration wait) {
        return admit(correlationId, ticketId, uid, gateName, at, wait, io.fcs.terminal.gate.ZoneAdmission.Kind.ENTRY);
    }

    /** An entry or an exit scan, asked of the zone (decision 0254); as {@code admit} above. */
    public io.fcs.terminal.gate.ZoneAdmission.Answer admit(
            String correlationId,
            String ticketId,
            Optional<String> uid,
            String gateName,
            Instant at,
            Duration wait,
            io.fcs.terminal.gate.ZoneAdmission.Kind kind) {
        if (!uplink.connected()) {
            return new io.fcs.terminal.gate.ZoneAdmission.NoAnswer("offline");
        }
        if (edgeGone) {
            // the edge said goodbye (or its last will came): no one would answer, so no waiting
            return new io.fcs.terminal.gate.ZoneAdmission.NoAnswer("edge gone");
        }
        CompletableFuture<io.fcs.terminal.gate.ZoneAdmission.Answer> answer = new CompletableFuture<>();
        admissions.put(correlationId, answer);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            uplink.publish(
                            codec.admissionRequestTopic(),
                            codec.encodeAdmission(correlationId, ticketId, uid, gateName, at, kind))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new io.fcs.terminal.gate.ZoneAdmission.NoAnswer("edge did not answer in " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new io.fcs.terminal.gate.ZoneAdmission.NoAnswer(
                    "edge unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new io.fcs.terminal.gate.ZoneAdmission.NoAnswer("interrupted");
        } finally {
            admissions.remove(correlationId);
        }
    }

    /**
     * The gate gave up waiting for this entry and refused it (decision 0254): the zone undoes an
     * admission its late answer made. Not waited for; a release made while the link to the edge
     * is down (the reason the answer was late, most often) waits in memory and goes out first at
     * the next connection, at most {@link #MAX_PENDING_RELEASES} of them (decision 0255).
     */
    public void release(String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at) {
        byte[] payload = codec.encodeAdmission(
                correlationId, ticketId, uid, gateName, at, io.fcs.terminal.gate.ZoneAdmission.Kind.RELEASE);
        synchronized (pendingReleases) {
            if (pendingReleases.size() >= MAX_PENDING_RELEASES) {
                pendingReleases.removeFirst(); // the oldest: its ticket has most likely been scanned again since
            }
            pendingReleases.addLast(payload);
        }
        wake();
    }

    /** Releases made since the link was last up, sent in order; what cannot go now stays queued. */
    private void sendReleases() {
        while (uplink.connected()) {
            byte[] next;
            synchronized (pendingReleases) {
                next = pendingReleases.peekFirst();
            }
            if (next == null) {
                return;
            }
            try {
                uplink.publish(codec.admissionRequestTopic(), next).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                return; // offline again: stays queued
            }
            synchronized (pendingReleases) {
                if (pendingReleases.peekFirst() == next) {
                    pendingReleases.removeFirst();
                }
            }
        }
    }

    /** Releases not yet handed to the broker (for tests and diagnostics). */
    public int pendingReleases() {
        synchronized (pendingReleases) {
            return pendingReleases.size();
        }
    }

    private void acked(long watermark) {
        lastSync.set(clock.instant()); // the edge answered: whoever sees the watermark sees the sync too
        store.acknowledgeUpTo(watermark);
    }

    private void downlink(String topic, byte[] payload) {
        switch (codec.decodeDownlink(topic, payload)) {
            case SyncCodec.PriceList prices -> store.replaceCatalogue(prices.products());
            case SyncCodec.DenyList deny -> {
                deny.wristbands().forEach(uid -> store.denyWristband(uid, "deny list " + deny.version()));
                deny.tickets().forEach(ticket -> store.revokeTicket(ticket, "deny list " + deny.version()));
                deny.lifted().forEach(store::allowWristband);
            }
            case SyncCodec.PendingCredits credits -> {
                java.util.Map<String, String> owed = new java.util.LinkedHashMap<>();
                for (SyncCodec.PendingCredit credit : credits.credits()) {
                    if (!store.creditApplied(credit.creditId())) {
                        owed.put(
                                TerminalStore.CREDIT_PREFIX + credit.creditId(),
                                credit.walletId() + ":" + credit.amount().minor() + ":"
                                        + credit.amount().currency().code());
                    }
                }
                store.putSettings(owed);
            }
            case SyncCodec.Config config -> {
                long held = store.setting(CONFIG_VERSION).map(Long::parseLong).orElse(-1L);
                if (config.version() < held) {
                    return; // an older configuration (a retained copy, a late resend): the newer one stands
                }
                // the configuration is complete: settings it no longer names (a staff member
                // who left, a writer key) are removed with it
                store.replaceSettings(DOWNLINK_PREFIX, config.settings());
                store.putSettings(java.util.Map.of(
                        CONFIG_VERSION,
                        Long.toString(config.version()),
                        "config.offlineAllowanceMinor",
                        Long.toString(config.offlineAllowanceMinor()),
                        "config.offlineAllowancePeriodSeconds",
                        Long.toString(config.offlineAllowancePeriodSeconds())));
                configListeners.forEach(listener -> listener.accept(config));
            }
            case SyncCodec.Ignored ignored -> {}
        }
        lastSync.set(clock.instant());
    }

    private void sendLoop() {
        Instant lastPresence = Instant.EPOCH;
        while (running) {
            try {
                if (uplink.connected()) {
                    if (resendNeeded) {
                        resendNeeded = false;
                        store.resendUnacknowledged();
                    }
                    sendReleases();
                    sendStored();
                    Instant now = clock.instant();
                    if (now.isAfter(lastPresence.plusSeconds(10))) {
                        lastPresence = now;
                        uplink.publish(
                                codec.presenceTopic(),
                                codec.encodePresence(
                                        store.queueDepth(),
                                        store.watermark(),
                                        readerPresent,
                                        clockSkewMillis().orElse(0)));
                    }
                }
            } catch (RuntimeException e) {
                resendNeeded = true; // whatever failed is sent again next round
            }
            synchronized (wake) {
                try {
                    wake.wait(RESEND_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!resendNeeded
                    && store.unacknowledged(1).stream().anyMatch(e -> e.state() == TerminalStore.OutboxState.SENT)) {
                // still unacknowledged after a round: ask again (idempotent at the edge)
                resendNeeded = staleSent();
            }
        }
    }

    private boolean staleSent() {
        return store.unacknowledged(1).stream()
                .anyMatch(e -> e.createdAt().isBefore(clock.instant().minus(RESEND_EVERY)));
    }

    /** Sends everything stored, in batches, in sequence order. Visible for tests. */
    void sendStored() {
        while (uplink.connected()) {
            List<OutboxEntry> batch = store.stored(BATCH);
            if (batch.isEmpty()) {
                return;
            }
            try {
                uplink.publish(codec.recordsTopic(), codec.encodeBatch(batch)).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                return; // offline again: stays stored
            }
            store.markSent(batch.getFirst().sequence(), batch.getLast().sequence(), clock.instant());
        }
    }

    @Override
    public void close() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        uplink.close();
    }
}
