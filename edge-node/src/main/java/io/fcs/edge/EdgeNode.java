package io.fcs.edge;

import io.fcs.edge.broker.EmbeddedBroker;
import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.downlink.CentralFeed;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.observe.StatusServer;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running edge node: store, broker, bus, inbox, zone authority, uplink, downlink, presence
 * and the status endpoint, started in dependency order and closed in reverse.
 */
public final class EdgeNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);

    private final EdgeConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final Database db;
    private final WalletReplica wallets;
    private final DenyList deny;
    private final TerminalKeys keys;
    private final CentralFeed feed;
    private final MqttBus bus;
    private final StatusServer status;
    private final Optional<EmbeddedBroker> broker;
    private final ScheduledExecutorService scheduler;

    private EdgeNode(EdgeConfig config) {
        this.config = config;
        try {
            db = Database.open(config.dataDir().resolve("store"));
            closeables.push(db);
            KeyValues kv = new KeyValues(db);
            deny = new DenyList(db);
            wallets = new WalletReplica(db, deny);
            keys = new TerminalKeys(db);
            scheduler = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "edge-scheduler");
                t.setDaemon(true);
                return t;
            });
            closeables.push(scheduler::shutdownNow);
            broker = config.externalBrokerUrl().isPresent()
                    ? Optional.empty()
                    : Optional.of(EmbeddedBroker.start(
                            config.dataDir().resolve("broker"), config.broker(), Optional.empty()));
            broker.ifPresent(closeables::push);
            String brokerUrl = config.externalBrokerUrl()
                    .orElse("tcp://127.0.0.1:" + config.broker().port());
            bus = MqttBus.connect(brokerUrl, "edge-" + config.edgeId(), Optional.empty(), Optional.empty(), 2, m -> {});
            closeables.push(bus);
            CentralClient central = new CentralClient(config.centralUrl(), config.edgeId(), Duration.ofSeconds(10));
            feed = new CentralFeed(
                    central, config.festival(), wallets, deny, keys, kv, config.syncInterval(), scheduler);
            feed.start();
            metrics.gauge("edge_wallets", "wallets in the zone replica", wallets::size);
            metrics.gauge(
                    "edge_central_reachable",
                    "1 when the last poll of central succeeded",
                    () -> feed.centralReachable() ? 1 : 0);
            status = StatusServer.start(config.httpBind(), config.httpPort(), metrics, this::health);
            closeables.push(status);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static EdgeNode start(EdgeConfig config) {
        EdgeNode node = new EdgeNode(config);
        log.info(
                "event=edge_started edge={} festival={} zone={} mqtt_port={} http_port={} data={}",
                config.edgeId(),
                config.festival(),
                config.zone(),
                config.broker().port(),
                node.status.port(),
                config.dataDir().toAbsolutePath());
        return node;
    }

    StatusServer.Health health() {
        boolean busUp = bus.isConnected();
        String json =
                "{\"status\":\"%s\",\"edgeId\":\"%s\",\"zoneId\":\"%s\",\"broker\":%b,\"central\":%b,\"wallets\":%d,\"walletVersion\":%d}"
                        .formatted(
                                busUp ? "UP" : "DOWN",
                                config.edgeId(),
                                config.zone(),
                                busUp,
                                feed.centralReachable(),
                                wallets.size(),
                                wallets.version());
        return new StatusServer.Health(busUp, json);
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    public int httpPort() {
        return status.port();
    }

    public WalletReplica wallets() {
        return wallets;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("event=close_failed part={} error=\"{}\"", c, e.toString());
            }
        }
    }
}
