package io.fcs.edge.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.zone.DenyList;
import io.fcs.protocol.message.Configuration;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what came down from central to the zone's terminals as retained, versioned messages:
 * the configuration on {@code zone/config} and the full deny list on {@code zone/deny}, so a
 * terminal that (re)connects gets the latest at once and knows which version it holds. Also
 * republished at start, since the embedded broker keeps no retained messages across restarts.
 */
public final class ZoneDownlink {

    private static final Logger log = LoggerFactory.getLogger(ZoneDownlink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FestivalId festival;
    private final ZoneId zone;
    private final MqttBus bus;
    private final CentralFeed feed;
    private final DenyList deny;
    private final MessageCodec codec = MessageCodec.standard();

    public ZoneDownlink(FestivalId festival, ZoneId zone, MqttBus bus, CentralFeed feed, DenyList deny) {
        this.festival = festival;
        this.zone = zone;
        this.bus = bus;
        this.feed = feed;
        this.deny = deny;
    }

    public void publishAll() {
        publish(CentralFeed.Change.CONFIG);
        publish(CentralFeed.Change.DENY_LIST);
    }

    public void publish(CentralFeed.Change change) {
        try {
            switch (change) {
                case CONFIG -> configuration().ifPresent(c -> send(TopicKind.ZONE_CONFIG, codec.encode(c)));
                case DENY_LIST -> {
                    if (deny.version() > 0) {
                        send(TopicKind.ZONE_DENY, codec.encode(denyList()));
                    }
                }
                case WALLETS -> {
                    // balances stay at the edge: terminals ask per tap
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
        return java.util.Optional.of(new Configuration(
                Math.max(1, config.path("version").asLong()),
                time,
                Money.of(Math.max(0, config.path("offlineAllowanceCents").asLong()), currency),
                Duration.ofDays(1),
                settings));
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
