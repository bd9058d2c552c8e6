package io.fcs.edge.testing;

import io.fcs.edge.broker.MqttBus;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A simulated terminal on the zone broker: sends record batches and taps, collects acks and answers. */
public final class TerminalClient implements AutoCloseable {

    private final TestFestival festival;
    public final TerminalId terminal;
    private final MqttBus bus;
    private final MessageCodec codec = MessageCodec.standard();
    private final AtomicLong watermark = new AtomicLong(-1);
    public volatile WatermarkAck lastAck;
    private final Map<UUID, CompletableFuture<AuthorisationAnswer>> waiting = new ConcurrentHashMap<>();

    public TerminalClient(TestFestival festival, TerminalId terminal, String brokerUrl) {
        this(festival, terminal, brokerUrl, Optional.empty(), Optional.empty());
    }

    public TerminalClient(
            TestFestival festival,
            TerminalId terminal,
            String brokerUrl,
            Optional<javax.net.ssl.KeyManagerFactory> keys,
            Optional<javax.net.ssl.TrustManagerFactory> trust) {
        this.festival = festival;
        this.terminal = terminal;
        this.bus = MqttBus.connect(
                brokerUrl, "terminal-" + terminal + "-" + UUID.randomUUID(), keys, trust, 1, this::receive);
        bus.subscribe(List.of(
                topic(TopicKind.TERMINAL_ACK),
                topic(TopicKind.AUTH_ANSWER),
                MqttTopic.zone(TopicKind.ZONE_CONFIG, festival.festival, festival.zone)
                        .toString(),
                MqttTopic.zone(TopicKind.ZONE_CHECKINS, festival.festival, festival.zone)
                        .toString(),
                MqttTopic.zone(TopicKind.ZONE_PRICES, festival.festival, festival.zone)
                        .toString(),
                MqttTopic.zone(TopicKind.ZONE_DENY, festival.festival, festival.zone)
                        .toString(),
                MqttTopic.zone(TopicKind.ZONE_REVOCATIONS, festival.festival, festival.zone)
                        .toString(),
                MqttTopic.zone(TopicKind.ZONE_CREDITS, festival.festival, festival.zone)
                        .toString()));
    }

    public String topic(TopicKind kind) {
        return MqttTopic.terminal(kind, festival.festival, festival.zone, terminal)
                .toString();
    }

    /**
     * Zone broadcasts received (config, check-ins, prices, deny, revocations, credits): last topic
     * level → last payload.
     */
    public final Map<String, byte[]> zone = new ConcurrentHashMap<>();

    private void receive(MqttBus.Inbound in) {
        if (in.topic().contains("/zone/")) {
            zone.put(in.topic().substring(in.topic().lastIndexOf('/') + 1), in.payload());
        } else if (in.topic().endsWith("/ack")) {
            if (codec.decode(in.payload(), WatermarkAck.class) instanceof DecodeResult.Decoded<WatermarkAck> d) {
                lastAck = d.message();
                watermark.accumulateAndGet(d.message().watermark(), Math::max);
            }
        } else if (codec.decode(in.payload(), AuthorisationAnswer.class)
                instanceof DecodeResult.Decoded<AuthorisationAnswer> d) {
            CompletableFuture<AuthorisationAnswer> f =
                    waiting.remove(d.message().correlationId());
            Long sent = sentAt.remove(d.message().correlationId());
            if (f != null && sent != null && in.tapTrace().isPresent()) {
                String[] edge = in.tapTrace().get().split(",");
                if (edge.length == 4) {
                    tracer.accept(new long[] {
                        sent,
                        Long.parseLong(edge[0]),
                        Long.parseLong(edge[1]),
                        Long.parseLong(edge[2]),
                        Long.parseLong(edge[3]),
                        in.receivedNanos()
                    });
                }
            }
            if (f != null) {
                f.complete(d.message());
            } else {
                lateAnswers.incrementAndGet();
            }
        }
    }

    public void send(List<SignedRecord> records, int queueDepth) {
        RecordBatch batch = RecordBatch.of(
                terminal, records.getFirst().record().sequence(), TestFestival.encoded(records), queueDepth);
        bus.publish(topic(TopicKind.TERMINAL_RECORDS), codec.encode(batch), false)
                .join();
    }

    public void publishRaw(String topic, byte[] payload) {
        bus.publish(topic, payload, false).join();
    }

    /** Waits (bounded) until the edge acked up to {@code sequence}; answers the watermark reached. */
    public long awaitWatermark(long sequence, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (watermark.get() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return watermark.get();
    }

    private final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<long[]> tracer;

    /**
     * Asks the edge to stamp every answer (benchmarks): {@code tracer} receives, per answered tap,
     * the {@link System#nanoTime()} stamps sent, edge received, edge started, edge decided (hold
     * durable), edge published, terminal received.
     */
    public TerminalClient trace(java.util.function.Consumer<long[]> tracer) {
        this.tracer = tracer;
        return this;
    }

    /** How long a tap waits for the edge's answer before it sends the same request again. */
    private volatile Duration resendAfter = Duration.ofSeconds(1);
    /** Sends per tap at most (the first and the resends); then the terminal would sell offline. */
    private volatile int maxSends = 10;

    /**
     * A terminal's patience: resend after {@code resendAfter}, give up after {@code maxSends}
     * sends. Tests keep the patient default (1 s × 10) for a loaded machine; the benchmark uses
     * the terminal's own budget (two sends 400 ms apart ≈ the 800 ms after which it sells offline).
     */
    public TerminalClient patience(Duration resendAfter, int maxSends) {
        this.resendAfter = resendAfter;
        this.maxSends = maxSends;
        return this;
    }

    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong lateAnswers = new AtomicLong();

    /** Answers to a tap already answered (a resend's) or given up on. */
    public long lateAnswers() {
        return lateAnswers.get();
    }

    private final java.util.concurrent.ScheduledExecutorService timers =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "terminal-resend");
                t.setDaemon(true);
                return t;
            });

    /** Requests sent again because no answer came in time (QoS 0 lost one, or the edge was slow). */
    public long resent() {
        return resent.get();
    }

    /**
     * A tap as a terminal does it over QoS 0: the request goes out, and again with the same
     * correlation id while unanswered, up to the {@link #patience}; the answer is the same whichever send it answers. Fails with a timeout after that.
     */
    public CompletableFuture<AuthorisationAnswer> requestAsync(AuthorisationKind kind, String uid, long cents) {
        UUID correlation = UUID.randomUUID();
        CompletableFuture<AuthorisationAnswer> answer = new CompletableFuture<>();
        waiting.put(correlation, answer);
        AuthorisationRequest request = new AuthorisationRequest(
                correlation,
                terminal,
                kind,
                OpaqueBytes.fromHex(uid),
                Optional.empty(),
                OpaqueBytes.of(new byte[0]),
                Money.eur(cents),
                Instant.now());
        byte[] payload = codec.encode(request);
        if (tracer != null) {
            sentAt.put(correlation, System.nanoTime());
            bus.request(topic(TopicKind.AUTH_REQUEST), payload, TopicKind.AUTH_REQUEST.qos(), true);
        } else {
            bus.publish(topic(TopicKind.AUTH_REQUEST), payload, false);
        }
        resend(answer, correlation, payload, 1);
        return answer;
    }

    private void resend(CompletableFuture<AuthorisationAnswer> answer, UUID correlation, byte[] payload, int sends) {
        timers.schedule(
                () -> {
                    if (answer.isDone()) {
                        return;
                    }
                    if (sends >= maxSends) {
                        waiting.remove(correlation);
                        answer.completeExceptionally(new java.util.concurrent.TimeoutException(
                                "no answer to " + correlation + " after " + sends + " sends"));
                        return;
                    }
                    resent.incrementAndGet();
                    bus.publish(topic(TopicKind.AUTH_REQUEST), payload, false);
                    resend(answer, correlation, payload, sends + 1);
                },
                resendAfter.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public AuthorisationAnswer request(AuthorisationKind kind, String uid, long cents) throws Exception {
        return requestAsync(kind, uid, cents).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        bus.close();
    }
}
