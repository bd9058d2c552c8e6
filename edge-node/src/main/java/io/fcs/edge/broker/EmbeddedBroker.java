package io.fcs.edge.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone's MQTT 5 broker, HiveMQ CE embedded in the edge's JVM (decision 0080). Its defaults
 * drop messages under load (1,000 queued per client, few in flight): this configuration raises
 * the queue and receive limits so that a terminal sending its whole backlog at once is not
 * silently cut, turns usage statistics off and keeps HiveMQ on the edge's own logging.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Per-client queue for offline or slow subscribers: large, since records must not drop. */
    static final long MAX_QUEUE = 1_000_000;
    /** How many QoS 1/2 publishes a client may have in flight towards the broker. */
    static final int SERVER_RECEIVE_MAXIMUM = 65_535;

    private final EmbeddedHiveMQ hivemq;
    private final BrokerSettings settings;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerSettings settings) {
        this.hivemq = hivemq;
        this.settings = settings;
    }

    /**
     * Why this broker cannot start, found before HiveMQ is asked to (decision 0253): its port is
     * taken, or its TLS material cannot be read (missing file, wrong password, no private key).
     */
    public static final class CannotStart extends IllegalStateException {
        CannotStart(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Checks what HiveMQ would only log: the listener's address is free, the TLS stores open. */
    static void preflight(BrokerSettings settings) {
        if (settings.port() != 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(settings.bindAddress(), settings.port()));
            } catch (IOException e) {
                throw new CannotStart(
                        "MQTT port " + settings.bindAddress() + ":" + settings.port() + " is not available ("
                                + e.getMessage() + "): is another broker or edge running?",
                        e);
            }
        }
        settings.tls().ifPresent(tls -> {
            java.security.KeyStore keys = load("TLS key store", tls.keystore(), tls.keystorePassword());
            try {
                boolean hasKey = false;
                for (String alias : java.util.Collections.list(keys.aliases())) {
                    hasKey |= keys.isKeyEntry(alias);
                }
                if (!hasKey) {
                    throw new CannotStart("TLS key store " + tls.keystore() + " holds no private key", null);
                }
            } catch (java.security.KeyStoreException e) {
                throw new CannotStart("TLS key store " + tls.keystore() + " unreadable: " + e.getMessage(), e);
            }
            java.security.KeyStore trust = load("TLS trust store", tls.truststore(), tls.truststorePassword());
            try {
                if (trust.size() == 0) {
                    throw new CannotStart("TLS trust store " + tls.truststore() + " holds no certificate", null);
                }
            } catch (java.security.KeyStoreException e) {
                throw new CannotStart("TLS trust store " + tls.truststore() + " unreadable: " + e.getMessage(), e);
            }
        });
    }

    private static java.security.KeyStore load(String what, Path file, String password) {
        try (var in = Files.newInputStream(file)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CannotStart(what + " " + file + " does not exist", e);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new CannotStart(
                    what + " " + file + " unreadable (" + e.getMessage() + "): wrong password or not PKCS#12", e);
        }
    }

    /** Writes the configuration under {@code folder} and starts the broker; blocks until it listens. */
    public static EmbeddedBroker start(Path folder, BrokerSettings settings, Optional<EmbeddedExtension> extension) {
        preflight(settings);
        EmbeddedHiveMQ started = null;
        try {
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Path data = Files.createDirectories(folder.resolve("data"));
            Path extensions = Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), configXml(settings));
            com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = 1000;
            com.hivemq.configuration.service.InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = 1000;
            var builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap();
            extension.ifPresent(builder::withEmbeddedExtension);
            EmbeddedHiveMQ hivemq = builder.build();
            started = hivemq;
            hivemq.start().get(60, TimeUnit.SECONDS);
            log.info(
                    "event=broker_started kind=embedded bind={} port={} tls={}",
                    settings.bindAddress(),
                    settings.port(),
                    settings.tls().isPresent());
            return new EmbeddedBroker(hivemq, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker folder " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            stopQuietly(started);
            throw new CannotStart(
                    "the embedded broker did not start on " + settings.bindAddress() + ":" + settings.port() + ": "
                            + (e.getCause() == null ? e : e.getCause()),
                    e);
        }
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq) {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(10, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            log.debug("event=broker_stop_after_failure error={}", e.toString());
        }
    }

    public BrokerSettings settings() {
        return settings;
    }

    static String configXml(BrokerSettings s) {
        String listener = s.tls()
                .map(tls -> """
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <truststore>
                                    <path>%s</path>
                                    <password>%s</password>
                                </truststore>
                                <client-authentication-mode>REQUIRED</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>""".formatted(
                                s.port(),
                                s.bindAddress(),
                                xml(tls.keystore().toString()),
                                xml(tls.keystorePassword()),
                                xml(tls.keystorePassword()),
                                xml(tls.truststore().toString()),
                                xml(tls.truststorePassword())))
                .orElse("""
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>""".formatted(s.port(), s.bindAddress()));
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                %s
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listener, MAX_QUEUE, SERVER_RECEIVE_MAXIMUM, s.maxPacketBytes());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
            log.info("event=broker_stopped port={}", settings.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("event=broker_stop_failed port={} error={}", settings.port(), e.toString());
        }
    }
}
