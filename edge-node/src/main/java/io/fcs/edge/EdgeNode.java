package io.fcs.edge;

import io.fcs.edge.broker.EmbeddedBroker;
import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.downlink.CentralFeed;
import io.fcs.edge.inbox.Inbox;
import io.fcs.edge.inbox.RecordStore;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.observe.StatusServer;
import io.fcs.edge.presence.Presence;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.uplink.Uplink;
import io.fcs.edge.zone.Authoriser;
import io.fcs.edge.zone.CheckinRegistry;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.edge.zone.ZoneLedger;
import io.fcs.protocol.topic.Subscriptions;
import io.fcs.protocol.topic.TopicFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running edge node: store, broker, bus, inbox, zone authority, uplink, downlink, presence
 * and the status endpoint, started in dependency order and closed in reverse.
 */
public final class EdgeNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);
    /** An approved tap whose record never arrives stops holding money after this long. */
    static final Duration HOLD_EXPIRY = Duration.ofMinutes(30);

    private final EdgeConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final EdgeMetrics metrics = new EdgeMetrics();
    private Database db;
    private WalletReplica wallets;
    private DenyList deny;
    private TerminalKeys keys;
    private RecordStore records;
    private CheckinRegistry checkins;
    private Presence presence;
    private CentralFeed feed;
    private Uplink uplink;
    private io.fcs.edge.uplink.CheckinUplink checkinUplink;
    private MqttBus bus;
    private StatusServer status;
    private Optional<EmbeddedBroker> broker = Optional.empty();

    private EdgeNode(EdgeConfig config) {
        this.config = config;
    }

    public static EdgeNode start(EdgeConfig config) {
        EdgeNode node = new EdgeNode(config);
        try {
            node.boot();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        log.info(
                "event=edge_started edge={} festival={} zone={} mqtt={} http_port={} data={} records={} backlog={}",
                config.edgeId(),
                config.festival(),
                config.zone(),
                config.externalBrokerUrl().orElse("embedded:" + config.broker().port()),
                node.status.port(),
                config.dataDir().toAbsolutePath(),
                node.records.recordCount(),
                node.records.backlog());
        return node;
    }

    private void boot() {
        db = Database.open(config.dataDir().resolve("store"));
        closeables.push(db);
        KeyValues kv = new KeyValues(db);
        deny = new DenyList(db);
        wallets = new WalletReplica(db, deny);
        keys = new TerminalKeys(db);
        records = new RecordStore(db);
        checkins = new CheckinRegistry(db, Optional.empty());
        presence = new Presence(Clock.systemUTC(), Duration.ofSeconds(60));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "edge-scheduler");
            t.setDaemon(true);
            return t;
        });
        closeables.push(scheduler::shutdownNow);

        Inbox inbox = new Inbox(config.festival(), records, keys, metrics, config.maxMessageBytes());
        inbox.listener(new ZoneLedger(wallets, checkins));
        Authoriser authoriser = new Authoriser(wallets, checkins, keys, metrics, inbox.codec());
        java.util.concurrent.ExecutorService authPool = Executors.newFixedThreadPool(config.authThreads(), r -> {
            Thread t = new Thread(r, "edge-auth");
            t.setDaemon(true);
            return t;
        });
        closeables.push(authPool::shutdownNow);
        Router router = new Router(
                config.festival(),
                config.zone(),
                config.maxMessageBytes(),
                inbox,
                authoriser,
                presence,
                metrics,
                checkins,
                authPool);

        router.admissions(new io.fcs.edge.zone.TicketAdmissions(
                db, checkins, deny, wallets, keys, metrics, inbox.codec(), Clock.systemUTC()));
        io.fcs.edge.presence.EdgePresence ownPresence = new io.fcs.edge.presence.EdgePresence(
                config.festival(),
                config.zone(),
                config.edgeId(),
                io.fcs.edge.presence.EdgePresence.runningVersion(),
                Clock.systemUTC(),
                records::backlog);

        Optional<io.fcs.edge.broker.BrokerSettings.Tls> tls = config.broker().tls();
        if (config.externalBrokerUrl().isEmpty()) {
            Optional<com.hivemq.embedded.EmbeddedExtension> acl = tls.map(
                    t -> new io.fcs.edge.broker.TopicAclExtension(action -> metrics.refused("acl", action)).embedded());
            broker = Optional.of(EmbeddedBroker.start(config.dataDir().resolve("broker"), config.broker(), acl));
            broker.ifPresent(closeables::push);
        }
        String brokerUrl = config.externalBrokerUrl()
                .orElse((tls.isPresent() ? "ssl" : "tcp") + "://127.0.0.1:"
                        + config.broker().port());
        bus = MqttBus.connect(
                brokerUrl,
                "edge-" + config.edgeId(),
                tls.map(t -> MqttBus.keys(t.keystore(), t.keystorePassword())),
                tls.map(t -> MqttBus.trust(t.truststore(), t.truststorePassword())),
                2,
                router,
                java.time.Duration.ofSeconds(30),
                Optional.of(new MqttBus.Will(ownPresence.topic(), ownPresence.will(), true)));
        closeables.push(bus);
        // the edge's presence for its terminals: birth now, alive every few seconds, death on a clean stop
        java.util.concurrent.atomic.AtomicBoolean presenceStopped = new java.util.concurrent.atomic.AtomicBoolean();
        closeables.push(() -> {
            if (presenceStopped.compareAndSet(false, true)) {
                bus.publish(ownPresence.topic(), ownPresence.death(), true).get(5, TimeUnit.SECONDS);
            }
        });
        bus.publish(ownPresence.topic(), ownPresence.birth(), true);
        scheduler.scheduleWithFixedDelay(
                () -> {
                    if (!presenceStopped.get()) {
                        bus.publish(ownPresence.topic(), ownPresence.alive(), true);
                    }
                },
                io.fcs.edge.presence.EdgePresence.INTERVAL.toMillis(),
                io.fcs.edge.presence.EdgePresence.INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);

        CentralClient central = new CentralClient(config.centralUrl(), config.edgeId(), Duration.ofSeconds(10));
        uplink = new Uplink(records, central, metrics, config.uplinkBatch());
        uplink.onConfirmed((terminal, watermark) -> wallets.recordsConfirmed(terminal.toString(), watermark));
        closeables.push(uplink);
        checkinUplink = new io.fcs.edge.uplink.CheckinUplink(
                db, central, config.festival(), config.zone(), config.uplinkBatch(), config.syncInterval());
        checkins.reportTo((c, a) -> checkinUplink.store(
                c,
                new io.fcs.edge.uplink.CheckinUplink.Admission(
                        a.id(), a.ticketId(), a.uid(), a.gate(), a.at(), a.outcome())));
        router.connect(bus, uplink);
        for (TopicFilter filter : Subscriptions.edgeOnZoneBroker(config.festival(), config.zone())) {
            bus.subscribe(java.util.List.of(filter.filter()), filter.qos());
        }
        uplink.start();
        checkinUplink.start(scheduler);

        feed = new CentralFeed(central, config.festival(), wallets, deny, keys, kv, config.syncInterval(), scheduler);
        io.fcs.edge.downlink.ZoneDownlink downlink =
                new io.fcs.edge.downlink.ZoneDownlink(config.festival(), config.zone(), bus, feed, deny, wallets);
        feed.onChange(downlink::publish);
        applyZoneRules();
        wallets.offlineRule(new WalletReplica.OfflineRule(feed::cutOff, () -> festivalTime, Clock.systemUTC()));
        feed.onChange(change -> {
            if (change == CentralFeed.Change.CONFIG) {
                applyZoneRules();
            }
        });
        downlink.publishAll();
        feed.start();
        scheduler.scheduleWithFixedDelay(
                () -> sendPresence(central),
                config.presenceInterval().toMillis(),
                config.presenceInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> wallets.expireUnrecorded(HOLD_EXPIRY), 1, 1, TimeUnit.MINUTES);

        metrics.gauge("edge_wallets", "wallets in the zone replica", wallets::size);
        metrics.gauge("edge_backlog_records", "records not yet confirmed by central", records::backlog);
        metrics.gauge(
                "edge_uplink_lag_seconds",
                "age of the oldest record central has not confirmed",
                () -> records.oldestUnconfirmedAgeMillis() / 1000.0);
        metrics.gauge("edge_alerts", "integrity alerts raised (conflicts, forks, broken chains)", records::alertCount);
        metrics.gauge("edge_terminals_online", "terminals seen within the last minute", presence::online);
        metrics.gauge(
                "edge_central_reachable",
                "1 when the last poll of central succeeded",
                () -> feed.centralReachable() && uplink.centralUp() ? 1 : 0);
        metrics.gauge("edge_checkins_backlog", "admissions not yet accepted by central", checkinUplink::backlog);
        metrics.gauge("edge_open_holds", "approved debits central has not applied yet", wallets::openHolds);
        metrics.gauge("edge_store_wal_restarts", "times the store's WAL was started over under load", db::walRestarts);
        status = StatusServer.start(config.httpBind(), config.httpPort(), metrics, this::health);
        closeables.push(status);
    }

    /** The festival clock of central's last config: the offline allowance renews with its day. */
    private volatile io.fcs.protocol.value.FestivalTime festivalTime = io.fcs.protocol.value.FestivalTime.of("UTC");

    /** The zone's rules from central's last festival config: re-entry at the gates, festival clock. */
    private void applyZoneRules() {
        try {
            com.fasterxml.jackson.databind.JsonNode festivalConfig =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(feed.configJson());
            festivalTime = new io.fcs.protocol.value.FestivalTime(
                    java.time.ZoneId.of(festivalConfig.path("timeZone").asText("UTC")),
                    festivalConfig.hasNonNull("dayCutover")
                            ? java.time.LocalTime.parse(
                                    festivalConfig.path("dayCutover").asText())
                            : io.fcs.protocol.value.FestivalTime.DEFAULT_CUTOVER);
            CheckinRegistry.ReentryRule rule = CheckinRegistry.ReentryRule.fromConfig(
                    festivalConfig, config.zone().toString());
            int share =
                    WalletReplica.offlineShareOf(festivalConfig, config.zone().toString());
            if (share != wallets.offlineSharePercent()) {
                wallets.offlineSharePercent(share);
                log.info("event=zone_offline_share_applied percent={}", share);
            }
            if (!rule.equals(checkins.reentryRule())) {
                checkins.reentryRule(rule);
                log.info(
                        "event=zone_rules_applied reentry={} cool_down_s={}",
                        rule.mode(),
                        rule.coolDown().toSeconds());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            log.warn("event=zone_rules_unreadable error=\"{}\"", e.toString());
        }
    }

    private void sendPresence(CentralClient central) {
        try {
            central.postJson(
                    "/sync/v1/presence",
                    presence.report(config.edgeId().toString(), config.zone().toString(), records.backlog()));
        } catch (CentralClient.Unreachable | CentralClient.Refused e) {
            log.debug("event=presence_not_sent error=\"{}\"", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("event=presence_failed error=\"{}\"", e.toString());
        }
    }

    StatusServer.Health health() {
        boolean busUp = bus.isConnected();
        String json = ("{\"status\":\"%s\",\"edgeId\":\"%s\",\"zoneId\":\"%s\",\"broker\":%b,\"central\":%b,"
                        + "\"backlog\":%d,\"terminalsOnline\":%d,\"enrolled\":%d,\"wallets\":%d,\"walletVersion\":%d}")
                .formatted(
                        busUp ? "UP" : "DOWN",
                        config.edgeId(),
                        config.zone(),
                        busUp,
                        feed.centralReachable() && uplink.centralUp(),
                        records.backlog(),
                        presence.online(),
                        keys.size(),
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

    public TerminalKeys terminalKeys() {
        return keys;
    }

    public RecordStore records() {
        return records;
    }

    public CheckinRegistry checkins() {
        return checkins;
    }

    public io.fcs.edge.uplink.CheckinUplink checkinUplink() {
        return checkinUplink;
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
