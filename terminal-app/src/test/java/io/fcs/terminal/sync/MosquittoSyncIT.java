package io.fcs.terminal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.testing.SystemPackages;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync client over a real MQTT broker (Debian Mosquitto on a free loopback port): records
 * forwarded and acknowledged, a payment authorised, and store-and-forward across a broker restart.
 */
class MosquittoSyncIT {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final ZoneId ZONE = ZoneId.random();
    private static final TerminalId TERMINAL = TerminalId.random();

    @TempDir
    Path dir;

    private Path mosquitto;
    private int port;
    private Process broker;
    private TerminalStore store;
    private SyncClient client;
    private MqttUplink edgeSide;

    @BeforeEach
    void setUp() throws Exception {
        mosquitto = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n".formatted(port));
        startBroker();
        store = TerminalStore.open(dir.resolve("store"));
        URI address = URI.create("mqtt://127.0.0.1:" + port);
        edgeSide = new MqttUplink(
                address, "edge-" + ZONE, new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty()));
        FakeEdge edge = new FakeEdge(FESTIVAL, ZONE, edgeSide::publish);
        edgeSide.subscribe(edge.filter("records"), edge::onMessage);
        edgeSide.subscribe(edge.filter("auth/req"), edge::onMessage);
        edgeSide.connect();
        client = new SyncClient(
                new MqttUplink(
                        address,
                        "terminal-" + TERMINAL,
                        new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty())),
                new ProtocolSyncCodec(FESTIVAL, ZONE, TERMINAL, "bar-1", "test", Clock.systemUTC()),
                store,
                Clock.systemUTC());
        await(edgeSide::connected);
    }

    private void startBroker() throws Exception {
        broker = new ProcessBuilder(
                        mosquitto.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
    }

    private void stopBroker() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(10, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (edgeSide != null) {
            edgeSide.close();
        }
        if (broker != null) {
            stopBroker();
        }
        if (store != null) {
            store.close();
        }
    }

    private void commit(long seq) {
        String id = RecordId.random().toString();
        store.commit(
                OutboxEntry.stored(seq, id, new byte[] {1, (byte) seq}, new byte[] {(byte) seq}, Instant.now()),
                new JournalLine(seq, id, "SALE", "04aa", 100, 900L, "", "", "EDGE", "", Instant.now(), false),
                Optional.empty());
        client.wake();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 15 s").isTrue();
    }

    @Test
    void recordsReachTheEdgeThroughMosquittoAndSurviveABrokerRestart() throws Exception {
        client.start();
        await(client::connected);
        commit(1);
        commit(2);
        await(() -> store.watermark() == 2);

        Authoriser.Answer answer = client.authorise(
                RecordId.random().toString(),
                "04a1b2c3",
                "",
                Money.eur(550),
                Money.eur(2000),
                1,
                Duration.ofSeconds(5));
        assertThat(answer).isEqualTo(new Authoriser.Granted(Money.eur(1450)));

        stopBroker();
        await(() -> !client.connected());
        commit(3);
        assertThat(store.queueDepth()).isEqualTo(1);
        assertThat(client.authorise(
                        RecordId.random().toString(),
                        "04a1b2c3",
                        "",
                        Money.eur(550),
                        Money.eur(2000),
                        1,
                        Duration.ofSeconds(1)))
                .isInstanceOf(Authoriser.Unreachable.class);

        startBroker();
        await(() -> store.watermark() == 3);
        assertThat(store.queueDepth()).isZero();
    }
}
