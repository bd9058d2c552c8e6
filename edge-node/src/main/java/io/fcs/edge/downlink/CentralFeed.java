package io.fcs.edge.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.store.KeyValues;
import io.fcs.edge.uplink.Backoff;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.value.FestivalId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What flows down from central: the festival config (terminal keys, price lists, ticket keys),
 * wallet deltas and the deny list, polled every {@code interval} (≈1 s, so an online top-up or a
 * block reaches the zone within seconds). While central is unreachable the zone runs on what it
 * has; polls back off with jitter and resume when central answers.
 */
public final class CentralFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CentralFeed.class);
    static final String CONFIG_KEY = "config.json";
    static final String CONFIG_VERSION_KEY = "config.version";

    /** What changed in one poll, for the downlink to publish. */
    public enum Change {
        CONFIG,
        WALLETS,
        DENY_LIST
    }

    private final CentralClient central;
    private final FestivalId festival;
    private final WalletReplica wallets;
    private final DenyList deny;
    private final TerminalKeys keys;
    private final KeyValues kv;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff =
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), RandomGenerator.of("L64X128MixRandom"));
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reachable = new AtomicBoolean(false);
    private volatile boolean lastPollFailed;
    private volatile long lastSuccessMillis;

    public CentralFeed(
            CentralClient central,
            FestivalId festival,
            WalletReplica wallets,
            DenyList deny,
            TerminalKeys keys,
            KeyValues kv,
            Duration interval,
            ScheduledExecutorService scheduler) {
        this.central = central;
        this.festival = festival;
        this.wallets = wallets;
        this.deny = deny;
        this.keys = keys;
        this.kv = kv;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void start() {
        scheduler.execute(this::tick);
    }

    public boolean centralReachable() {
        return reachable.get();
    }

    /**
     * Whether the zone runs without central: the last poll failed. False before the first poll
     * (the stored replica is trusted until central is found missing).
     */
    public boolean cutOff() {
        return lastPollFailed;
    }

    public long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    /** One poll of all three feeds; public for tests that drive it by hand. */
    public void pollOnce() {
        String base = "/sync/v1/festivals/" + festival;
        JsonNode config = central.getJson(base + "/config");
        long configVersion = config.path("version").asLong();
        if (configVersion != kv.getLong(CONFIG_VERSION_KEY, -1)) {
            keys.applyConfig(config);
            kv.put(CONFIG_KEY, config.toString());
            kv.put(CONFIG_VERSION_KEY, Long.toString(configVersion));
            fire(Change.CONFIG);
        }
        // taken before the request leaves: every record central confirmed before this mark is in
        // the balances it answers, so their holds are released with them (decision 0156)
        long fetchMark = wallets.syncMark();
        JsonNode walletAnswer = central.getJson(base + "/wallets?since=" + wallets.version());
        if (walletAnswer.path("wallets").size() > 0
                || walletAnswer.path("version").asLong() != wallets.version()) {
            wallets.apply(walletAnswer, fetchMark);
            fire(Change.WALLETS);
        } else {
            wallets.settleIncluded(walletAnswer, fetchMark);
        }
        JsonNode denyAnswer = central.getJson(base + "/deny-list?since=" + deny.version());
        if (denyAnswer.path("version").asLong() != deny.version()) {
            deny.apply(denyAnswer);
            keys.applyDenyList(denyAnswer);
            fire(Change.DENY_LIST);
        }
    }

    private void fire(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("event=downlink_listener_failed change={} error=\"{}\"", change, e.toString());
            }
        }
    }

    private void tick() {
        Duration next = interval;
        try {
            pollOnce();
            lastPollFailed = false;
            backoff.succeeded();
            lastSuccessMillis = System.currentTimeMillis();
            if (!reachable.getAndSet(true)) {
                log.info("event=central_reachable feed=downlink");
            }
        } catch (CentralClient.Unreachable e) {
            lastPollFailed = true;
            next = backoff.failed();
            if (reachable.getAndSet(false) || backoff.failures() == 1) {
                log.warn(
                        "event=central_unreachable feed=downlink error=\"{}\" retry_ms={}",
                        e.getMessage(),
                        next.toMillis());
            }
        } catch (RuntimeException e) {
            next = backoff.failed();
            log.error("event=downlink_poll_failed error=\"{}\" retry_ms={}", e.toString(), next.toMillis());
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public String configJson() {
        return kv.get(CONFIG_KEY).orElse("{}");
    }

    @Override
    public void close() {
        // the scheduler belongs to the node, which shuts it down
    }
}
