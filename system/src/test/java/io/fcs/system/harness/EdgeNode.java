package io.fcs.system.harness;

import io.fcs.protocol.crypto.Ed25519;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A zone's edge-node jar as a child process: plain MQTT and its status server on free loopback
 * ports, its own SQLite data folder, a fixed identity so that a restart after a kill resumes the
 * same store. By default it runs its embedded broker; given a broker URL it uses that one.
 */
public final class EdgeNode implements AutoCloseable {

    private final String name;
    private final SystemProcess process;
    private final int mqttPort;
    private final Http status;

    private EdgeNode(String name, SystemProcess process, int mqttPort, Http status) {
        this.name = name;
        this.process = process;
        this.mqttPort = mqttPort;
        this.status = status;
    }

    /**
     * @param brokerUrl an external broker ({@code tcp://127.0.0.1:port}) or null for the embedded one
     */
    public static EdgeNode start(
            String name, String festivalId, String zoneId, String centralUrl, Path dataDir, Path logs, String brokerUrl)
            throws IOException {
        Files.createDirectories(dataDir);
        Path keyFile = dataDir.resolve("edge.key");
        Path idFile = dataDir.resolve("edge.id");
        if (!Files.exists(keyFile)) {
            Files.writeString(
                    keyFile,
                    Base64.getEncoder().encodeToString(Ed25519.generate().seed()));
            Files.writeString(idFile, UUID.randomUUID().toString());
        }
        int mqttPort = brokerUrl == null ? Ports.free() : -1;
        int httpPort = Ports.free();
        List<String> args = new ArrayList<>(List.of(
                "--festival",
                festivalId,
                "--zone",
                zoneId,
                "--edge-id",
                Files.readString(idFile).trim(),
                "--edge-key",
                keyFile.toString(),
                "--central-url",
                centralUrl,
                "--data-dir",
                dataDir.toString(),
                "--plain-tcp",
                "--http-bind",
                "127.0.0.1",
                "--http-port",
                Integer.toString(httpPort),
                "--sync-interval-ms",
                "500",
                "--presence-interval-ms",
                "2000"));
        if (brokerUrl == null) {
            args.addAll(List.of("--mqtt-bind", "127.0.0.1", "--mqtt-port", Integer.toString(mqttPort)));
        } else {
            args.addAll(List.of("--broker-url", brokerUrl));
        }
        SystemProcess process =
                SystemProcess.java(name, Ports.jar("edge-node"), SystemProcess.jvm("-Xmx320m"), args, Map.of(), logs);
        EdgeNode edge = new EdgeNode(name, process, mqttPort, new Http("http://127.0.0.1:" + httpPort));
        edge.awaitUp();
        return edge;
    }

    public void awaitUp() {
        try {
            Awaitility.await(name + " healthy")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        if (!process.alive()) {
                            throw new IllegalStateException(name + " stopped while starting\n" + process.tail(40));
                        }
                        return status.get("/health", null).status() == 200;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not start\n" + process.tail(40), e);
        }
    }

    /** The edge's own health document ({@code status, backlog, walletVersion, ...}), or empty JSON. */
    public JsonNode health() {
        Http.Answer answer = status.get("/health", null);
        return answer.status() == 0 ? Http.emptyJson() : answer.json();
    }

    /** Records central has not confirmed yet, as the edge counts them (-1 when it does not answer). */
    public long backlog() {
        return health().path("backlog").asLong(-1);
    }

    public long walletVersion() {
        return health().path("walletVersion").asLong(-1);
    }

    /** A Prometheus metric's value summed over its label sets (0 when absent). */
    public double metric(String name) {
        return metric(name, "");
    }

    /** A metric's value summed over the label sets that contain {@code labels} (e.g. a reason). */
    public double metric(String name, String labels) {
        String text = status.get("/metrics", null).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** MQTT address of the embedded broker ({@code mqtt://127.0.0.1:port}). */
    public String mqttUrl() {
        if (mqttPort < 0) {
            throw new IllegalStateException(name + " uses an external broker");
        }
        return "mqtt://127.0.0.1:" + mqttPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public String name() {
        return name;
    }

    public void kill() {
        process.kill();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    /** Starts again with the same identity, ports and store. */
    public void restart() throws IOException {
        process.start();
        awaitUp();
    }

    public SystemProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
