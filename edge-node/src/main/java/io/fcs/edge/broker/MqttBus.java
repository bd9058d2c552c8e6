package io.fcs.edge.broker;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's own MQTT 5 session on the zone broker (embedded or external), through the HiveMQ
 * client. Persistent session (clean start off, long expiry) so that QoS 1 messages addressed
 * to the edge while it restarts are kept by the broker; automatic reconnect; inbound messages
 * are handed to a small worker pool, never processed on the network thread.
 */
public final class MqttBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttBus.class);

    /**
     * One inbound message: topic, payload, the MQTT 5 request/response properties, when the bus
     * handed it over ({@link System#nanoTime()}) and the tap trace user property if it carried one.
     */
    public record Inbound(
            String topic,
            byte[] payload,
            Optional<String> responseTopic,
            Optional<byte[]> correlation,
            long receivedNanos,
            Optional<String> tapTrace) {

        public Inbound(String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlation) {
            this(topic, payload, responseTopic, correlation, System.nanoTime(), Optional.empty());
        }
    }

    /**
     * MQTT 5 user property on a tap answer when the edge traces taps ({@code --trace-taps}): the
     * edge's {@link System#nanoTime()} stamps "received,started,decided,published", comparable
     * with the terminal's own on the same machine (one monotonic clock), for the benchmark.
     */
    public static final String TAP_TRACE = "fcs-tap-trace";

    private final Mqtt5AsyncClient client;
    private final ExecutorService workers;
    private final String url;

    private MqttBus(Mqtt5AsyncClient client, ExecutorService workers, String url) {
        this.client = client;
        this.workers = workers;
        this.url = url;
    }

    /**
     * Connects to {@code url} ({@code tcp://host:port} or {@code ssl://host:port}); the TLS
     * factories are required for {@code ssl}. Blocks until the session is up or fails.
     */
    public static MqttBus connect(
            String url,
            String clientId,
            Optional<KeyManagerFactory> keys,
            Optional<TrustManagerFactory> trust,
            int workerThreads,
            Consumer<Inbound> handler) {
        return connect(url, clientId, keys, trust, workerThreads, handler, Duration.ofSeconds(30));
    }

    /** As above, giving up after {@code timeout} when the broker does not accept the session. */
    public static MqttBus connect(
            String url,
            String clientId,
            Optional<KeyManagerFactory> keys,
            Optional<TrustManagerFactory> trust,
            int workerThreads,
            Consumer<Inbound> handler,
            Duration timeout) {
        return connect(url, clientId, keys, trust, workerThreads, handler, timeout, Optional.empty());
    }

    /** The message the broker publishes (QoS 1) when this session vanishes without a clean disconnect. */
    public record Will(String topic, byte[] payload, boolean retain) {
        public Will {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** As above, registering {@code will} as the session's MQTT last will. */
    public static MqttBus connect(
            String url,
            String clientId,
            Optional<KeyManagerFactory> keys,
            Optional<TrustManagerFactory> trust,
            int workerThreads,
            Consumer<Inbound> handler,
            Duration timeout,
            Optional<Will> will) {
        URI uri = URI.create(url);
        boolean tls = "ssl".equals(uri.getScheme()) || "mqtts".equals(uri.getScheme());
        if (!tls && !"tcp".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
            throw new IllegalArgumentException("broker URL must be tcp://host:port or ssl://host:port, was " + url);
        }
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(uri.getHost())
                .serverPort(uri.getPort() > 0 ? uri.getPort() : (tls ? 8883 : 1883))
                .automaticReconnect()
                .initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(5, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
        if (tls) {
            var ssl = MqttClientSslConfig.builder();
            keys.ifPresent(ssl::keyManagerFactory);
            trust.ifPresent(ssl::trustManagerFactory);
            if ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost())) {
                // the edge's own session on its own broker: the chain is still checked against
                // the festival CA, only the loopback host name is not in the certificate
                ssl.hostnameVerifier((host, session) -> true);
            }
            builder = builder.sslConfig(ssl.build());
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, workerThreads), r -> {
            Thread t = new Thread(r, "mqtt-in");
            t.setDaemon(true);
            return t;
        });
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> handler.accept(toInbound(publish)), workers);
        try {
            var connect = client.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(Duration.ofDays(2).toSeconds())
                    .keepAlive(15)
                    .restrictions()
                    .receiveMaximum(65_535)
                    .sendMaximum(65_535)
                    .applyRestrictions();
            if (will.isPresent()) {
                connect = connect.willPublish()
                        .topic(will.get().topic())
                        .payload(will.get().payload())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(will.get().retain())
                        .applyWillPublish();
            }
            connect.send().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + url, e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            workers.shutdownNow();
            client.disconnect();
            throw new IllegalStateException("cannot connect to the broker at " + url + ": " + e.getMessage(), e);
        }
        log.info("event=bus_connected url={} client={}", url, clientId);
        return new MqttBus(client, workers, url);
    }

    private static Inbound toInbound(Mqtt5Publish publish) {
        long received = System.nanoTime();
        var properties = publish.getUserProperties().asList();
        Optional<String> trace = Optional.empty();
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).getName().toString().equals(TAP_TRACE)) {
                trace = Optional.of(properties.get(i).getValue().toString());
            }
        }
        return new Inbound(
                publish.getTopic().toString(),
                publish.getPayloadAsBytes(),
                publish.getResponseTopic().map(Object::toString),
                publish.getCorrelationData().map(MqttBus::bytes),
                received,
                trace);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** Loads PKCS#12 key and trust material for a TLS session with client certificate. */
    public static KeyManagerFactory keys(java.nio.file.Path keystore, String password) {
        try (var in = java.nio.file.Files.newInputStream(keystore)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password.toCharArray());
            return factory;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the key store " + keystore + ": " + e.getMessage(), e);
        }
    }

    public static TrustManagerFactory trust(java.nio.file.Path truststore, String password) {
        try (var in = java.nio.file.Files.newInputStream(truststore)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the trust store " + truststore + ": " + e.getMessage(), e);
        }
    }

    /** Subscribes at QoS 1 to every filter; blocks until the broker granted them. */
    public void subscribe(List<String> filters) {
        subscribe(filters, 1);
    }

    /** Subscribes to every filter at {@code qos}; blocks until the broker granted them. */
    public void subscribe(List<String> filters, int qos) {
        List<CompletableFuture<?>> acks = filters.stream()
                .<CompletableFuture<?>>map(filter -> client.subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.fromCode(qos))
                        .send())
                .toList();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("subscription refused by " + url + ": " + filters, e);
        }
    }

    /** QoS 1 publish; the future completes when the broker acknowledged it. */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        Objects.requireNonNull(payload, "payload");
        return client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(retain)
                .payload(payload)
                .send()
                .thenAccept(result -> result.getError().ifPresent(error -> {
                    throw new IllegalStateException("publish to " + topic + " failed", error);
                }));
    }

    /**
     * A tap request as a terminal sends it, at {@code qos}; {@code traced} asks the edge to stamp
     * its answer with {@link #TAP_TRACE} (benchmarks).
     */
    public CompletableFuture<Void> request(String topic, byte[] payload, int qos, boolean traced) {
        var send = client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload);
        if (traced) {
            send.userProperties().add(TAP_TRACE, "").applyUserProperties();
        }
        return send.send().thenAccept(result -> result.getError().ifPresent(error -> {
            throw new IllegalStateException("publish to " + topic + " failed", error);
        }));
    }

    /**
     * A reply to a request, at {@code qos} (the tap answer is QoS 0, see TopicKind), carrying the
     * request's MQTT 5 correlation data when it had some.
     */
    public CompletableFuture<Void> reply(String topic, byte[] payload, Optional<byte[]> correlation, int qos) {
        return reply(topic, payload, correlation, qos, null);
    }

    /** As above, with the tap trace user property ({@link #TAP_TRACE}) when {@code tapTrace} is not null. */
    public CompletableFuture<Void> reply(
            String topic, byte[] payload, Optional<byte[]> correlation, int qos, String tapTrace) {
        var send = client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload);
        correlation.ifPresent(send::correlationData);
        if (tapTrace != null) {
            send.userProperties().add(TAP_TRACE, tapTrace).applyUserProperties();
        }
        return send.send().thenAccept(result -> {});
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("event=bus_disconnect_failed error={}", e.toString());
        }
        workers.shutdown();
    }
}
