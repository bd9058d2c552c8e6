package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.TerminalId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge as a real child process ({@code java -jar target/edge-node-*.jar}), killed with
 * SIGKILL while a terminal is sending, restarted on the same data folder: nothing it had
 * acknowledged is lost and nothing reaches central twice.
 */
class KillNineIT {

    @TempDir
    Path dir;

    @Test
    void afterAKillDuringTrafficNothingAcknowledgedIsLostAndNothingIsDoubled() throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId pos = festival.enrol();
        String uid = festival.wallet(1_000_000);
        List<SignedRecord> records = festival.chain(pos).sales(uid, 600, 10);
        int mqttPort = Ports.free();
        int httpPort = Ports.free();
        String broker = "tcp://127.0.0.1:" + mqttPort;
        try (FakeCentral central = new FakeCentral(festival)) {
            Process edge = startEdge(festival, central, mqttPort, httpPort, "first");
            long ackedBeforeKill;
            try {
                awaitHealthy(edge, httpPort);
                try (TerminalClient terminal = new TerminalClient(festival, pos, broker)) {
                    int sent = 0;
                    while (sent < 400) {
                        terminal.send(records.subList(sent, sent + 50), records.size() - sent);
                        sent += 50;
                        if (sent == 200) {
                            terminal.awaitWatermark(150, Duration.ofSeconds(30));
                        }
                    }
                    edge.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    ackedBeforeKill = terminal.awaitWatermark(Long.MAX_VALUE, Duration.ZERO);
                }
            } finally {
                edge.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(ackedBeforeKill).isGreaterThanOrEqualTo(150);

            Process again = startEdge(festival, central, mqttPort, httpPort, "second");
            try {
                awaitHealthy(again, httpPort);
                try (TerminalClient terminal = new TerminalClient(festival, pos, broker)) {
                    // a terminal resends only what was not acknowledged: anything lost above would leave a gap
                    long reached = -1;
                    for (int attempt = 0; attempt < 20 && reached < records.size(); attempt++) {
                        for (int from = (int) ackedBeforeKill; from < records.size(); from += 50) {
                            terminal.send(
                                    records.subList(from, Math.min(records.size(), from + 50)), records.size() - from);
                        }
                        reached = terminal.awaitWatermark(records.size(), Duration.ofSeconds(3));
                    }
                    assertThat(reached).isEqualTo(records.size());
                    assertThat(terminal.lastAck.missing()).isEmpty();
                }
                for (int i = 0; i < 400 && central.watermark(pos) < records.size(); i++) {
                    Thread.sleep(50);
                }
                assertThat(central.watermark(pos)).isEqualTo(records.size());
                assertThat(central.applied.get()).isEqualTo(records.size());
            } finally {
                again.destroy();
                if (!again.waitFor(30, TimeUnit.SECONDS)) {
                    again.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Process startEdge(TestFestival festival, FakeCentral central, int mqttPort, int httpPort, String run)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(runnableJar().toString());
        command.addAll(EdgeHarness.args(
                festival, central, dir.resolve("edge"), mqttPort, "--http-port", Integer.toString(httpPort)));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("edge-" + run + ".log").toFile())
                .start();
    }

    static Path runnableJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("edge-node-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("tests"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("run after 'package': target/edge-node-*.jar is missing"))
                    .toAbsolutePath();
        }
    }

    private void awaitHealthy(Process edge, int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600 && edge.isAlive(); i++) {
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"enrolled\":1")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("edge did not become healthy; log:\n" + logTail());
    }

    private String logTail() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir).filter(p -> p.toString().endsWith(".log"))) {
            for (Path log : logs.toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        }
        return out.toString();
    }
}
