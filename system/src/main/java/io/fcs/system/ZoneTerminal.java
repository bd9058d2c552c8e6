package io.fcs.system;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.OperatorId;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.ShiftId;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A headless terminal of a zone, configured only from its enrolment (the config bundle and the
 * key stores provisioning wrote for it): it connects to its edge's broker over MQTT with TLS and
 * its festival certificate, asks the edge to authorise taps, signs its records into its own
 * hash chain and publishes them in batches, and follows the edge's watermark acks. No screen,
 * no chip: the wristband is named by its UID. Used by the run command's simulated fleet and by
 * the tests across the real processes.
 */
final class ZoneTerminal implements AutoCloseable {

    private final MessageCodec codec = MessageCodec.standard();
    private final ConfigBundle bundle;
    private final TerminalId terminal;
    private final FestivalId festival;
    private final ZoneId zone;
    private final RecordSigner signer;
    private final Mqtt5AsyncClient client;
    private final OperatorId operator = OperatorId.random();
    private final ShiftId shift = ShiftId.random();
    private final Map<UUID, CompletableFuture<AuthorisationAnswer>> waiting = new ConcurrentHashMap<>();
    private final AtomicReference<WatermarkAck> lastAck = new AtomicReference<>();
    private final List<SignedRecord> unacknowledged = new ArrayList<>();
    private RecordHash head = RecordHash.GENESIS;
    private long sequence;

    private ZoneTerminal(ConfigBundle bundle, Mqtt5AsyncClient client) {
        this.bundle = bundle;
        this.terminal = bundle.terminalId();
        this.festival = bundle.festivalId();
        this.zone = bundle.zoneId();
        this.signer = new RecordSigner(bundle.deviceKey().orElseThrow());
        this.client = client;
    }

    /**
     * Connects as the enrolled terminal of {@code device} to {@code brokerUrl} ({@code ssl://host:port}),
     * presenting the device's certificate and trusting only the festival CA.
     */
    static ZoneTerminal connect(FestivalTrust.Device device, String brokerUrl, String storePassword)
            throws IOException {
        ConfigBundle bundle = ConfigBundle.parse(Files.readAllBytes(device.bundle()));
        URI uri = URI.create(brokerUrl);
        MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                .keyManagerFactory(keys(device.keyStore(), storePassword))
                .trustManagerFactory(trust(device.trustStore(), storePassword))
                .protocols(List.of("TLSv1.3"))
                .build();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("terminal-" + bundle.deviceId())
                .serverHost(uri.getHost())
                .serverPort(uri.getPort())
                .sslConfig(ssl)
                .automaticReconnect()
                .initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .buildAsync();
        ZoneTerminal zoneTerminal = new ZoneTerminal(bundle, client);
        client.publishes(MqttGlobalPublishFilter.ALL, zoneTerminal::receive);
        try {
            client.connectWith().cleanStart(true).keepAlive(15).send().get(20, TimeUnit.SECONDS);
            for (TopicKind kind : List.of(TopicKind.TERMINAL_ACK, TopicKind.AUTH_ANSWER)) {
                client.subscribeWith()
                        .topicFilter(zoneTerminal.topic(kind))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send()
                        .get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            client.disconnect();
            throw new IOException(
                    "terminal " + bundle.deviceId() + " cannot connect to " + brokerUrl + ": " + rootMessage(e), e);
        }
        return zoneTerminal;
    }

    TerminalId id() {
        return terminal;
    }

    String name() {
        return bundle.name();
    }

    Ed25519.VerificationKey verificationKey() {
        return bundle.devicePublicKey();
    }

    /** The highest sequence signed so far (0 before the first record). */
    synchronized long sequence() {
        return sequence;
    }

    /** The last ack the edge sent this terminal, if any. */
    Optional<WatermarkAck> lastAck() {
        return Optional.ofNullable(lastAck.get());
    }

    /** The highest contiguous sequence the edge has durably taken (-1 before any). */
    long watermark() {
        WatermarkAck ack = lastAck.get();
        return ack == null ? WatermarkAck.NOTHING : ack.watermark();
    }

    SignedRecord topUp(String uid, WalletId wallet, long cents, PaymentMethod method) {
        return sign(TransactionRecord.builder(RecordKind.TOP_UP)
                .wristband(WristbandUid.parse(uid))
                .wallet(wallet)
                .amount(Money.eur(cents))
                .payment(method));
    }

    SignedRecord sale(String uid, WalletId wallet, String product, int quantity, long unitCents) {
        return sign(TransactionRecord.builder(RecordKind.SALE)
                .wristband(WristbandUid.parse(uid))
                .wallet(wallet)
                .amount(Money.eur(unitCents * quantity))
                .line(product, quantity, Money.eur(unitCents)));
    }

    SignedRecord bind(String uid, TicketId ticket) {
        return sign(TransactionRecord.builder(RecordKind.BIND)
                .wristband(WristbandUid.parse(uid))
                .ticket(ticket)
                .amount(Money.eur(0)));
    }

    SignedRecord checkIn(String uid, TicketId ticket) {
        return sign(TransactionRecord.builder(RecordKind.CHECK_IN)
                .wristband(WristbandUid.parse(uid))
                .ticket(ticket)
                .amount(Money.eur(0)));
    }

    private synchronized SignedRecord sign(TransactionRecord.Builder builder) {
        TransactionRecord record = builder.id(RecordId.random())
                .festival(festival)
                .terminal(terminal)
                .chain(sequence + 1, head)
                .staff(operator, shift)
                .time(Instant.now())
                .authority(Authority.EDGE)
                .build();
        SignedRecord signed = signer.sign(record);
        sequence++;
        head = signed.hash();
        unacknowledged.add(signed);
        return signed;
    }

    /**
     * Publishes every record the edge has not acknowledged yet, as one batch (at-least-once: the
     * edge absorbs what it already has). Answers how many were sent.
     */
    int flush() {
        List<SignedRecord> batch;
        synchronized (this) {
            long acked = watermark();
            unacknowledged.removeIf(r -> r.record().sequence() <= acked);
            if (unacknowledged.isEmpty()) {
                return 0;
            }
            batch = List.copyOf(unacknowledged.subList(0, Math.min(unacknowledged.size(), 200)));
        }
        RecordBatch message = RecordBatch.of(
                terminal,
                batch.getFirst().record().sequence(),
                batch.stream().map(SignedRecord::encoded).toList(),
                batch.size());
        publish(topic(TopicKind.TERMINAL_RECORDS), codec.encode(message));
        return batch.size();
    }

    /** Waits (bounded) until the edge acknowledged {@code upTo} or refused it; answers the last ack. */
    Optional<WatermarkAck> awaitAck(long upTo, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            WatermarkAck ack = lastAck.get();
            if (ack != null
                    && (ack.watermark() >= upTo || ack.refused().stream().anyMatch(r -> r.sequence() == upTo))) {
                return Optional.of(ack);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return lastAck();
    }

    /** Asks the edge to authorise a tap; empty when no answer came within {@code max}. */
    Optional<AuthorisationAnswer> authorise(AuthorisationKind kind, String uid, long cents, Duration max) {
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
        try {
            publish(topic(TopicKind.AUTH_REQUEST), codec.encode(request));
            return Optional.of(answer.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            waiting.remove(correlation);
        }
    }

    private void publish(String topic, byte[] payload) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send();
    }

    String topic(TopicKind kind) {
        return MqttTopic.terminal(kind, festival, zone, terminal).toString();
    }

    private void receive(Mqtt5Publish publish) {
        byte[] payload = publish.getPayloadAsBytes();
        String topic = publish.getTopic().toString();
        if (topic.equals(topic(TopicKind.TERMINAL_ACK))) {
            if (codec.decode(payload, WatermarkAck.class) instanceof DecodeResult.Decoded<WatermarkAck> decoded) {
                lastAck.accumulateAndGet(
                        decoded.message(), (old, now) -> old == null || now.watermark() >= old.watermark() ? now : old);
            }
        } else if (codec.decode(payload, AuthorisationAnswer.class)
                instanceof DecodeResult.Decoded<AuthorisationAnswer> decoded) {
            CompletableFuture<AuthorisationAnswer> future =
                    waiting.remove(decoded.message().correlationId());
            if (future != null) {
                future.complete(decoded.message());
            }
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the edge sees the session end either way
        }
    }

    static KeyManagerFactory keys(Path store, String password) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, password.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the key store " + store + ": " + e.getMessage(), e);
        }
    }

    static TrustManagerFactory trust(Path store, String password) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the trust store " + store + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
