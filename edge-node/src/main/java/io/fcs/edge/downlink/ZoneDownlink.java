package io.fcs.edge.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.message.Configuration;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.PendingCredits;
import io.fcs.protocol.message.PriceList;
import io.fcs.protocol.message.TicketRevocations;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what came down from central to the zone's terminals as retained, versioned, full
 * messages, so a terminal that (re)connects gets the latest at once and knows which version it
 * holds: the configuration on {@code zone/config} and this zone's price lists on {@code
 * zone/prices} (both at central's config version), the deny list on {@code zone/deny} and the
 * ticket revocations on {@code zone/revocations} (both at central's deny-list version), and the
 * pending credits on {@code zone/credits} (at the wallet feed's version). Also republished at
 * start, since the embedded broker keeps no retained messages across restarts.
 */
public final class ZoneDownlink {

    private static final Logger log = LoggerFactory.getLogger(ZoneDownlink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FestivalId festival;
    private final ZoneId zone;
    private final MqttBus bus;
    private final CentralFeed feed;
    private final DenyList deny;
    private final WalletReplica wallets;
    private final MessageCodec codec = MessageCodec.standard();

    public ZoneDownlink(
            FestivalId festival, ZoneId zone, MqttBus bus, CentralFeed feed, DenyList deny, WalletReplica wallets) {
        this.festival = festival;
        this.zone = zone;
        this.bus = bus;
        this.feed = feed;
        this.deny = deny;
        this.wallets = wallets;
    }

    public void publishAll() {
        publish(CentralFeed.Change.CONFIG);
        publish(CentralFeed.Change.DENY_LIST);
        publish(CentralFeed.Change.WALLETS);
    }

    public void publish(CentralFeed.Change change) {
        try {
            switch (change) {
                case CONFIG -> {
                    configuration().ifPresent(c -> send(TopicKind.ZONE_CONFIG, codec.encode(c)));
                    priceList().ifPresent(p -> send(TopicKind.ZONE_PRICES, codec.encode(p)));
                }
                case DENY_LIST -> {
                    if (deny.version() > 0) {
                        send(TopicKind.ZONE_DENY, codec.encode(denyList()));
                        send(TopicKind.ZONE_REVOCATIONS, codec.encode(ticketRevocations()));
                    }
                }
                case WALLETS -> {
                    // balances stay at the edge (terminals ask per tap); only credits to load go down
                    if (wallets.version() > 0) {
                        send(TopicKind.ZONE_CREDITS, codec.encode(pendingCredits()));
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("event=downlink_publish_failed change={} error=\"{}\"", change, e.toString());
        }
    }

    private void send(TopicKind kind, byte[] payload) {
        bus.publish(MqttTopic.zone(kind, festival, zone).toString(), payload, kind.retained());
        log.info("event=downlink_published topic={} bytes={}", kind, payload.length);
    }

    java.util.Optional<Configuration> configuration() {
        JsonNode config;
        try {
            config = JSON.readTree(feed.configJson());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        if (!config.has("version")) {
            return java.util.Optional.empty();
        }
        Currency currency = Currency.of(config.path("currency").asText("EUR"));
        FestivalTime time = new FestivalTime(
                java.time.ZoneId.of(config.path("timeZone").asText("UTC")),
                config.hasNonNull("dayCutover")
                        ? LocalTime.parse(config.path("dayCutover").asText())
                        : FestivalTime.DEFAULT_CUTOVER);
        TreeMap<String, String> settings = new TreeMap<>();
        settings.put("zone", zone.toString());
        settings.putAll(io.fcs.edge.zone.CheckinRegistry.ReentryRule.fromConfig(config, zone.toString())
                .settings());
        writerKeys(config, settings);
        return java.util.Optional.of(new Configuration(
                Math.max(1, config.path("version").asLong()),
                time,
                Money.of(Math.max(0, config.path("offlineAllowanceCents").asLong()), currency),
                Duration.ofDays(1),
                settings));
    }

    /**
     * Setting key of a terminal's chip-writing key: terminals trust wristband states signed by the
     * terminals listed so, within the whole festival, since wristbands move between zones. The
     * protocol's setting keys are lower case, hence {@code writerkey.}, not {@code writerKey.}.
     */
    public static final String WRITER_KEY_PREFIX = "writerkey.";

    /**
     * Every active terminal of the festival's config as {@code writerkey.<terminalId>} = base64 of
     * its 32-byte Ed25519 public key; revoked terminals and unreadable keys are left out. This zone's
     * terminals come first should the festival have more terminals than a configuration can carry.
     */
    private void writerKeys(JsonNode config, TreeMap<String, String> settings) {
        List<JsonNode> terminals = new ArrayList<>();
        config.path("terminals").forEach(terminals::add);
        terminals.sort(java.util.Comparator.comparing((JsonNode t) ->
                !zone.toString().equalsIgnoreCase(t.path("zoneId").asText())));
        for (JsonNode t : terminals) {
            if (settings.size() >= Configuration.MAX_SETTINGS) {
                log.warn("event=writer_keys_truncated terminals={} carried={}", terminals.size(), settings.size());
                return;
            }
            if ("REVOKED".equalsIgnoreCase(t.path("status").asText())) {
                continue;
            }
            try {
                TerminalId id = TerminalId.parse(t.path("terminalId").asText());
                byte[] key =
                        java.util.Base64.getDecoder().decode(t.path("publicKey").asText());
                if (key.length != 32) {
                    throw new IllegalArgumentException("public key of " + key.length + " bytes");
                }
                settings.put(
                        WRITER_KEY_PREFIX + id.toString().toLowerCase(Locale.ROOT),
                        java.util.Base64.getEncoder().encodeToString(key));
            } catch (IllegalArgumentException e) {
                log.warn("event=writer_key_skipped terminal={} error=\"{}\"", t.path("terminalId"), e.getMessage());
            }
        }
    }

    /**
     * This zone's points of sale and their products from central's config, at the config's
     * version. Codes are lower-cased to fit the protocol's key alphabet; a point of sale or
     * product central sent that still does not fit is left out and logged, never the whole list.
     */
    java.util.Optional<PriceList> priceList() {
        JsonNode config;
        try {
            config = JSON.readTree(feed.configJson());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        if (!config.has("version")) {
            return java.util.Optional.empty();
        }
        Currency currency = Currency.of(config.path("currency").asText("EUR"));
        List<PriceList.PointOfSale> points = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode pos : config.path("pointsOfSale")) {
            if (!zone.toString().equalsIgnoreCase(pos.path("zoneId").asText())) {
                continue;
            }
            try {
                List<PriceList.Product> products = new ArrayList<>();
                java.util.Set<String> codes = new java.util.HashSet<>();
                for (JsonNode p : pos.path("products")) {
                    try {
                        PriceList.Product product = new PriceList.Product(
                                code(p.path("code").asText()),
                                p.path("name").asText(),
                                Money.of(p.path("priceCents").asLong(), currency),
                                p.path("category").asText(""));
                        if (codes.add(product.code())) {
                            products.add(product);
                        }
                    } catch (IllegalArgumentException e) {
                        log.warn(
                                "event=price_list_product_skipped pos={} error=\"{}\"", pos.path("id"), e.getMessage());
                    }
                }
                PriceList.PointOfSale point = new PriceList.PointOfSale(
                        code(pos.path("id").asText()), pos.path("name").asText(), products);
                if (seen.add(point.code())) {
                    points.add(point);
                }
            } catch (IllegalArgumentException e) {
                log.warn("event=price_list_pos_skipped pos={} error=\"{}\"", pos.path("id"), e.getMessage());
            }
        }
        return java.util.Optional.of(
                new PriceList(Math.max(1, config.path("version").asLong()), points));
    }

    private static String code(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /** The revoked tickets of the deny list, as a full list at the deny list's version. */
    TicketRevocations ticketRevocations() {
        List<TicketRevocations.Entry> entries = new ArrayList<>();
        for (DenyList.Entry e : deny.entries()) {
            if (e.kind() != DenyList.Kind.TICKET) {
                continue;
            }
            try {
                entries.add(TicketRevocations.Entry.revoke(TicketId.parse(e.id()), revocationReason(e.reason())));
            } catch (IllegalArgumentException bad) {
                log.warn("event=ticket_revocation_skipped ticket={} error=\"{}\"", e.id(), bad.getMessage());
            }
        }
        entries.sort(java.util.Comparator.comparing(e -> e.ticketId().toString()));
        return TicketRevocations.full(Math.max(1, deny.version()), entries);
    }

    /**
     * Credits waiting for each wallet of the zone, at the wallet feed's version. Central gives a
     * pending amount per wallet, not per credit, so the credit id is derived from (wallet, amount):
     * the same pending amount keeps its id across versions, a changed amount gets a new one.
     */
    PendingCredits pendingCredits() {
        List<PendingCredits.Credit> credits = new ArrayList<>();
        for (WalletReplica.Pending p : wallets.pendingCredits()) {
            try {
                Currency currency = Currency.of(p.currency() == null ? "EUR" : p.currency());
                UUID id = UUID.nameUUIDFromBytes(
                        ("pending:" + p.wallet() + ":" + p.cents()).getBytes(StandardCharsets.UTF_8));
                credits.add(new PendingCredits.Credit(id, p.wallet(), Money.of(p.cents(), currency)));
            } catch (IllegalArgumentException e) {
                log.warn("event=pending_credit_skipped wallet={} error=\"{}\"", p.wallet(), e.getMessage());
            }
        }
        return new PendingCredits(Math.max(1, wallets.version()), credits);
    }

    private static TicketRevocations.Reason revocationReason(String text) {
        try {
            return TicketRevocations.Reason.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TicketRevocations.Reason.OTHER;
        }
    }

    io.fcs.protocol.message.DenyList denyList() {
        List<io.fcs.protocol.message.DenyList.Entry> entries = new ArrayList<>();
        for (DenyList.Entry e : deny.entries()) {
            switch (e.kind()) {
                case WRISTBAND ->
                    entries.add(io.fcs.protocol.message.DenyList.Entry.add(
                            new io.fcs.protocol.message.DenyList.Wristband(OpaqueBytes.fromHex(e.id())),
                            reason(e.reason())));
                case TERMINAL ->
                    entries.add(io.fcs.protocol.message.DenyList.Entry.add(
                            new io.fcs.protocol.message.DenyList.Terminal(TerminalId.parse(e.id())),
                            io.fcs.protocol.message.DenyList.Reason.REVOKED));
                case TICKET -> {
                    // ticket revocations travel on their own list
                }
            }
        }
        return io.fcs.protocol.message.DenyList.full(Math.max(1, deny.version()), entries);
    }

    private static io.fcs.protocol.message.DenyList.Reason reason(String text) {
        try {
            return io.fcs.protocol.message.DenyList.Reason.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return io.fcs.protocol.message.DenyList.Reason.OTHER;
        }
    }
}
