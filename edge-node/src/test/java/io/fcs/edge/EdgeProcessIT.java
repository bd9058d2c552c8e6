package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Mosquitto;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge as a real process ({@code java -jar target/edge-node-*.jar}): a broker that cannot
 * start ends the process with the reason on one line (decision 0253), and an edge killed with
 * SIGKILL leaves its last will on the zone's {@code edge/presence} (decision 0251).
 */
class EdgeProcessIT {

    @TempDir
    Path dir;

    private Process edge(List<String> args, String log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(KillNineIT.runnableJar().toString());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

    /** Waits (bounded) for the process to end by itself; a lingering one is killed and fails the test. */
    private static int exitOf(Process process) throws InterruptedException {
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ended).as("the edge ended by itself instead of lingering").isTrue();
        return process.exitValue();
    }

    private List<String> startFailures(String log) throws IOException {
        return Files.readAllLines(dir.resolve(log)).stream()
                .filter(line -> line.contains("event=start_failed"))
                .toList();
    }

    @Test
    void anEdgeWhoseBrokerPortIsTakenExitsWithTheReasonOnOneLine() throws Exception {
        TestFestival festival = new TestFestival();
        try (FakeCentral central = new FakeCentral(festival);
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process =
                    edge(EdgeHarness.args(festival, central, dir.resolve("edge"), taken.getLocalPort()), "taken.log");
            assertThat(exitOf(process)).isEqualTo(EdgeMain.EXIT_START_FAILED);
            List<String> failures = startFailures("taken.log");
            assertThat(failures).hasSize(1);
            assertThat(failures.getFirst())
                    .contains("level=ERROR")
                    .contains("reason=\"MQTT port 127.0.0.1:" + taken.getLocalPort() + " is not available");
        }
    }

    @Test
    void anEdgeWithUnreadableTlsMaterialExitsWithTheReasonOnOneLine() throws Exception {
        TestFestival festival = new TestFestival();
        Path key = dir.resolve("edge.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Path garbage = dir.resolve("edge.p12");
        Files.writeString(garbage, "not a key store");
        try (FakeCentral central = new FakeCentral(festival)) {
            Process process = edge(
                    List.of(
                            "--festival", festival.festival.toString(),
                            "--zone", festival.zone.toString(),
                            "--edge-id", UUID.randomUUID().toString(),
                            "--edge-key", key.toString(),
                            "--central-url", central.url(),
                            "--data-dir", dir.resolve("edge").toString(),
                            "--mqtt-bind", "127.0.0.1",
                            "--mqtt-port", Integer.toString(Ports.free()),
                            "--http-bind", "127.0.0.1",
                            "--http-port", "0",
                            "--tls-keystore", garbage.toString(),
                            "--tls-keystore-password", "secret",
                            "--tls-truststore", garbage.toString(),
                            "--tls-truststore-password", "secret"),
                    "tls.log");
            assertThat(exitOf(process)).isEqualTo(EdgeMain.EXIT_START_FAILED);
            List<String> failures = startFailures("tls.log");
            assertThat(failures).hasSize(1);
            assertThat(failures.getFirst()).contains("reason=\"TLS key store " + garbage);
        }
    }

    @Test
    void anEdgeKilledWithoutWarningLeavesItsLastWillForItsTerminals() throws Exception {
        TestFestival festival = new TestFestival();
        Files.createDirectories(dir.resolve("broker"));
        String topic = MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, festival.festival, festival.zone)
                .toString();
        MessageCodec codec = MessageCodec.standard();
        BlockingQueue<Presence> seen = new LinkedBlockingQueue<>();
        try (Mosquitto mosquitto = new Mosquitto(dir.resolve("broker"));
                FakeCentral central = new FakeCentral(festival)) {
            Process process = edge(
                    EdgeHarness.args(
                            festival, central, dir.resolve("edge"), Ports.free(), "--broker-url", mosquitto.url()),
                    "killed.log");
            try (MqttBus terminal = MqttBus.connect(
                    mosquitto.url(), "watch-" + UUID.randomUUID(), Optional.empty(), Optional.empty(), 1, in -> {
                        if (codec.decode(in.payload(), Presence.class) instanceof DecodeResult.Decoded<Presence> d) {
                            seen.add(d.message());
                        }
                    })) {
                terminal.subscribe(List.of(topic));
                Presence live = null;
                for (int i = 0; i < 120 && live == null && process.isAlive(); i++) {
                    Presence p = seen.poll(1, TimeUnit.SECONDS);
                    if (p != null && p.state() != Presence.State.DEATH) {
                        live = p;
                    }
                }
                assertThat(live).as("the edge's birth or alive presence").isNotNull();

                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

                Presence will = null;
                for (int i = 0; i < 60 && will == null; i++) {
                    Presence p = seen.poll(1, TimeUnit.SECONDS);
                    if (p != null && p.state() == Presence.State.DEATH) {
                        will = p;
                    }
                }
                assertThat(will).as("the edge's last will").isNotNull();
                assertThat(will.lastWill()).isTrue();
                assertThat(will.device()).isEqualTo(live.device());
            } finally {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
