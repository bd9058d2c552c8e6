package io.fcs.system.harness;

import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attendees buying water at a bar, one tap after the other over a set of wristbands, until
 * stopped or a bounded number of taps. Keeps the terminal-side truth: what was approved (edge or
 * offline) and why taps were refused.
 */
public final class SaleTraffic implements AutoCloseable {

    private final SimTerminal pos;
    private final List<SimulatedTag> bands;
    private final Duration pause;
    private final int maxTaps;
    private final AtomicLong approvedCents = new AtomicLong();
    private final AtomicLong approved = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final Map<TapOutcome.Reason, Long> refused = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    public SaleTraffic(SimTerminal pos, List<SimulatedTag> bands, Duration pause, int maxTaps) {
        this.pos = pos;
        this.bands = List.copyOf(bands);
        this.pause = pause;
        this.maxTaps = maxTaps;
        this.thread = Thread.ofPlatform().daemon().name("sales-" + pos.place()).start(this::run);
    }

    private void run() {
        for (int i = 0; i < maxTaps && running; i++) {
            TapOutcome outcome = pos.sell(bands.get(i % bands.size()), SimTerminal.WATER, 1);
            switch (outcome) {
                case TapOutcome.Approved a -> {
                    approved.incrementAndGet();
                    approvedCents.addAndGet(a.amount().minor());
                    if (a.authority() == TapOutcome.Authority.OFFLINE) {
                        offline.incrementAndGet();
                    }
                }
                case TapOutcome.Refused r -> refused.merge(r.reason(), 1L, Long::sum);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long approved() {
        return approved.get();
    }

    public long approvedCents() {
        return approvedCents.get();
    }

    public long offline() {
        return offline.get();
    }

    public Map<TapOutcome.Reason, Long> refused() {
        return Map.copyOf(refused);
    }

    /** Stops after the tap in progress (bounded wait). */
    public void stop() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "approved " + approved + " (" + offline + " offline, " + approvedCents + " cents), refused " + refused;
    }
}
