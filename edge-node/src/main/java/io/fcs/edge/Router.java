package io.fcs.edge;

import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.inbox.Inbox;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.presence.Presence;
import io.fcs.edge.uplink.Uplink;
import io.fcs.edge.zone.Authoriser;
import io.fcs.edge.zone.CheckinRegistry;
import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.topic.TopicParse;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every message the edge receives from its zone's terminals to the feature that owns its
 * topic. Anything else (foreign topics, other zones, oversized or garbage payloads) is refused
 * with a reason counted in the metrics; the edge stays up whatever arrives.
 */
final class Router implements Consumer<MqttBus.Inbound> {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final FestivalId festival;
    private final ZoneId zone;
    private final int maxMessageBytes;
    private final Inbox inbox;
    private final Authoriser authoriser;
    private final Presence presence;
    private final EdgeMetrics metrics;
    private final CheckinRegistry checkins;
    private final MessageCodec codec;
    private final java.util.concurrent.Executor authPool;
    private volatile MqttBus bus;
    private volatile Uplink uplink;

    Router(
            FestivalId festival,
            ZoneId zone,
            int maxMessageBytes,
            Inbox inbox,
            Authoriser authoriser,
            Presence presence,
            EdgeMetrics metrics,
            CheckinRegistry checkins,
            java.util.concurrent.Executor authPool) {
        this.checkins = checkins;
        this.authPool = authPool;
        this.codec = MessageCodec.withMaxBytes(maxMessageBytes);
        this.festival = festival;
        this.zone = zone;
        this.maxMessageBytes = maxMessageBytes;
        this.inbox = inbox;
        this.authoriser = authoriser;
        this.presence = presence;
        this.metrics = metrics;
    }

    private volatile io.fcs.edge.zone.TicketAdmissions admissions;

    /** Where ticket admission requests of the zone's gates go (decision 0250). */
    void admissions(io.fcs.edge.zone.TicketAdmissions admissions) {
        this.admissions = admissions;
    }

    void connect(MqttBus bus, Uplink uplink) {
        this.bus = bus;
        this.uplink = uplink;
    }

    @Override
    public void accept(MqttBus.Inbound in) {
        try {
            route(in);
        } catch (RuntimeException e) {
            metrics.refused("message", "internal_error");
            log.error(
                    "event=message_failed topic={} bytes={} error=\"{}\"",
                    in.topic(),
                    in.payload().length,
                    e.toString(),
                    e);
        }
    }

    private void route(MqttBus.Inbound in) {
        if (in.payload().length > maxMessageBytes) {
            refuse("too_large", in.topic(), in.payload().length + " bytes");
            return;
        }
        if (!(MqttTopic.parse(in.topic()) instanceof TopicParse.Parsed parsed)) {
            refuse("unknown_topic", in.topic(), "not an fcs/v1 topic");
            return;
        }
        MqttTopic topic = parsed.topic();
        if (!topic.festival().equals(festival) || !topic.zone().equals(Optional.of(zone))) {
            refuse("wrong_zone", in.topic(), "another festival or zone");
            return;
        }
        if (topic.terminal().isEmpty()) {
            refuse("unexpected_topic", in.topic(), topic.kind().name());
            return;
        }
        TerminalId terminal = topic.terminal().get();
        switch (topic.kind()) {
            case TERMINAL_RECORDS -> {
                presence.seen(terminal);
                Inbox.Outcome outcome = inbox.receive(terminal, in.payload());
                if (outcome instanceof Inbox.Acked acked) {
                    presence.queueDepth(terminal, acked.queueDepth());
                    if (acked.accepted() > 0 && uplink != null) {
                        uplink.wake();
                    }
                    bus.publish(
                            MqttTopic.terminal(TopicKind.TERMINAL_ACK, festival, zone, terminal)
                                    .toString(),
                            acked.encoded(),
                            false);
                }
            }
            case AUTH_REQUEST -> {
                presence.seen(terminal);
                // taps wait for their durable write: many at once, so that one commit serves them all
                authPool.execute(() -> answer(terminal, in));
            }
            case ADMISSION_REQUEST -> {
                presence.seen(terminal);
                if (admissions == null) {
                    refuse("unexpected_topic", in.topic(), topic.kind().name());
                } else {
                    authPool.execute(() -> answerAdmission(terminal, in));
                }
            }
            case TERMINAL_PRESENCE ->
                presence.presenceMessage(terminal, in.payload())
                        .ifPresent(refusal -> refuse(refusal.name().toLowerCase(Locale.ROOT), in.topic(), "presence"));
            case TERMINAL_CHECKINS -> {
                presence.seen(terminal);
                checkIn(terminal, in.payload());
            }
            default -> refuse("unexpected_topic", in.topic(), topic.kind().name());
        }
    }

    /**
     * Decides the tap now and publishes its answer when what it approves is durable, from the
     * thread that completes the commit (decision 0154): no thread waits for the store.
     */
    private void answer(TerminalId terminal, MqttBus.Inbound in) {
        long started = System.nanoTime();
        try {
            authoriser.handleAsync(terminal, in.payload()).whenComplete((answer, failure) -> {
                if (failure != null) {
                    metrics.refused("auth_request", "internal_error");
                    log.error("event=auth_failed terminal={} error=\"{}\"", terminal, failure.toString(), failure);
                    return;
                }
                if (answer.isEmpty()) {
                    return;
                }
                String trace = null;
                if (in.tapTrace().isPresent()) {
                    long decided = System.nanoTime();
                    trace = in.receivedNanos() + "," + started + "," + decided + "," + System.nanoTime();
                }
                bus.reply(
                        MqttTopic.terminal(TopicKind.AUTH_ANSWER, festival, zone, terminal)
                                .toString(),
                        answer.get(),
                        in.correlation(),
                        TopicKind.AUTH_ANSWER.qos(),
                        trace);
            });
        } catch (RuntimeException e) {
            metrics.refused("auth_request", "internal_error");
            log.error("event=auth_failed terminal={} error=\"{}\"", terminal, e.toString(), e);
        }
    }

    private void answerAdmission(TerminalId terminal, MqttBus.Inbound in) {
        try {
            admissions
                    .handle(terminal, in.payload())
                    .ifPresent(answer -> bus.reply(
                            MqttTopic.terminal(TopicKind.ADMISSION_ANSWER, festival, zone, terminal)
                                    .toString(),
                            answer,
                            in.correlation(),
                            TopicKind.ADMISSION_ANSWER.qos()));
        } catch (RuntimeException e) {
            metrics.refused("admission_request", "internal_error");
            log.error("event=admission_failed terminal={} error=\"{}\"", terminal, e.toString(), e);
        }
    }

    /** A gate's check-in: learnt by the registry and relayed to every gate of the zone at once. */
    private void checkIn(TerminalId terminal, byte[] payload) {
        var decoded = codec.decode(payload, CheckIn.class);
        if (!(decoded instanceof DecodeResult.Decoded<CheckIn> ok)) {
            refuse(((DecodeResult.Refused<CheckIn>) decoded).reason().name(), "checkins", "undecodable check-in");
            return;
        }
        CheckIn checkIn = ok.message();
        if (!checkIn.terminalId().equals(terminal)) {
            refuse("terminal_mismatch", "checkins", checkIn.terminalId() + " on the topic of " + terminal);
            return;
        }
        if (admissions != null) {
            admissions.gateNamed(terminal, checkIn.gateName());
        }
        checkins.learn(checkIn);
        bus.publish(MqttTopic.zone(TopicKind.ZONE_CHECKINS, festival, zone).toString(), payload, false);
    }

    private void refuse(String reason, String topic, String detail) {
        metrics.refused("message", reason.toLowerCase(Locale.ROOT));
        log.warn("event=message_refused reason={} topic=\"{}\" detail=\"{}\"", reason, abbreviate(topic), detail);
    }

    private static String abbreviate(String topic) {
        return topic.length() > 200 ? topic.substring(0, 200) + "…" : topic;
    }
}
