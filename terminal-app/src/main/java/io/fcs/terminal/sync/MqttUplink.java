package io.fcs.terminal.sync;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The uplink over MQTT 5 (HiveMQ client): persistent session, QoS 1, automatic reconnect with
 * back-off, subscriptions renewed after every reconnect; TLS with a client certificate when the
 * address is {@code mqtts://}.
 */
public final class MqttUplink implements Uplink {

    /** TLS material: the terminal's PKCS#12 (certificate + key) and the festival CA to trust. */
    /**
     * TLS material: the terminal's PKCS#12 (certificate + key) and the festival CA to trust, as files
     * or as key stores built in memory from the enrolment ({@code enrol.EnrolledTls}); a file wins.
     */
    public record Tls(
            Optional<Path> keystore,
            char[] keystorePassword,
            Optional<Path> truststore,
            Optional<KeyStore> keys,
            Optional<KeyStore> trust) {

        public Tls(Optional<Path> keystore, char[] keystorePassword, Optional<Path> truststore) {
            this(keystore, keystorePassword, truststore, Optional.empty(), Optional.empty());
        }
    }

    private final Mqtt5AsyncClient client;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, BiConsumer<String, byte[]>> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean connected;

    public MqttUplink(URI address, String clientId, Tls tls) {
        boolean secure = "mqtts".equals(address.getScheme()) || "ssl".equals(address.getScheme());
        int port = address.getPort() > 0 ? address.getPort() : secure ? 8883 : 1883;
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(address.getHost())
                .serverPort(port)
                .automaticReconnect()
                .initialDelay(200, TimeUnit.MILLISECONDS)
                .maxDelay(5, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> changed(true))
                .addDisconnectedListener(context -> changed(false));
        if (secure) {
            builder = builder.sslConfig(sslConfig(tls));
        }
        this.client = builder.buildAsync();
    }

    private static MqttClientSslConfig sslConfig(Tls tls) {
        try {
            var ssl = MqttClientSslConfig.builder();
            Optional<KeyStore> keyStore = tls.keystore().isPresent()
                    ? Optional.of(load(tls.keystore().get(), tls.keystorePassword()))
                    : tls.keys();
            if (keyStore.isPresent()) {
                KeyStore keys = keyStore.get();
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, tls.keystorePassword());
                ssl = ssl.keyManagerFactory(kmf);
            }
            Optional<KeyStore> trustStore = tls.truststore().isPresent()
                    ? Optional.of(load(tls.truststore().get(), tls.keystorePassword()))
                    : tls.trust();
            if (trustStore.isPresent()) {
                KeyStore trust = trustStore.get();
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                ssl = ssl.trustManagerFactory(tmf);
            }
            return ssl.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot load TLS material for the edge connection: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private void changed(boolean now) {
        connected = now;
        if (now) {
            subscriptions.forEach(this::sendSubscribe);
        }
        listeners.forEach(listener -> listener.accept(now));
    }

    @Override
    public void connect() {
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(24 * 3600)
                .keepAlive(10)
                .send()
                .exceptionally(failure -> null); // automatic reconnect keeps trying
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void onConnectionChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        if (!connected) {
            return CompletableFuture.failedFuture(new IllegalStateException("edge unreachable"));
        }
        return client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send()
                .thenApply(result -> {
                    result.getError().ifPresent(error -> {
                        throw new IllegalStateException("publish to " + topic + " failed", error);
                    });
                    return null;
                });
    }

    @Override
    public void subscribe(String topicFilter, BiConsumer<String, byte[]> handler) {
        subscriptions.put(topicFilter, handler);
        if (connected) {
            sendSubscribe(topicFilter, handler);
        }
    }

    private void sendSubscribe(String topicFilter, BiConsumer<String, byte[]> handler) {
        client.subscribeWith()
                .topicFilter(topicFilter)
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> {
                    // without "retain as published" a broker sets the retain flag only on the stored
                    // copy it hands out at subscription, never on live deliveries
                    if (publish.isRetain() && liveOnly.contains(topicFilter)) {
                        return;
                    }
                    handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes());
                })
                .send();
    }

    private final java.util.Set<String> liveOnly = ConcurrentHashMap.newKeySet();

    @Override
    public void subscribeLive(String topicFilter, BiConsumer<String, byte[]> handler) {
        liveOnly.add(topicFilter);
        subscribe(topicFilter, handler);
    }

    @Override
    public void close() {
        client.disconnect().exceptionally(failure -> null).join();
    }
}
