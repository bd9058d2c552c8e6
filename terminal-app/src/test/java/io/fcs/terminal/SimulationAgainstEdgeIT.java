package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.testing.SystemPackages;
import io.fcs.terminal.sync.FakeEdge;
import io.fcs.terminal.sync.MqttUplink;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --headless --simulate N --simulate-bundle …} against an edge over a real MQTT broker
 * (Debian Mosquitto on a free loopback port): the simulated terminal is the enrolled one, its
 * records reach the edge under its enrolled id and are acknowledged.
 */
class SimulationAgainstEdgeIT {

    @TempDir
    Path dir;

    @Test
    void theSimulatedTerminalIsTheEnrolledOneAndItsRecordsReachTheEdge() throws Exception {
        Path mosquitto = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n".formatted(port));
        Process broker = new ProcessBuilder(
                        mosquitto.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        byte[] golden = goldenBundle();
        ConfigBundle bundle = ConfigBundle.parse(golden);
        Path bundleFile = Files.write(dir.resolve("pos.fcsb"), golden);
        URI address = URI.create("mqtt://127.0.0.1:" + port);
        MqttUplink edgeSide = new MqttUplink(
                address, "edge-under-test", new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty()));
        try {
            FakeEdge edge = new FakeEdge(bundle.festivalId(), bundle.zoneId(), edgeSide::publish);
            edgeSide.subscribe(edge.filter("records"), edge::onMessage);
            edgeSide.subscribe(edge.filter("auth/req"), edge::onMessage);
            edgeSide.connect();
            for (int i = 0; i < 200 && !edgeSide.connected(); i++) {
                Thread.sleep(25);
            }
            StringWriter out = new StringWriter();

            int exit = Main.run(
                    new String[] {
                        "--headless",
                        "--simulate",
                        "1",
                        "--simulate-taps",
                        "8",
                        "--simulate-bundle",
                        bundleFile.toString(),
                        "--edge",
                        address.toString(),
                        "--data-dir",
                        dir.resolve("data").toString()
                    },
                    new PrintWriter(out, true),
                    new PrintWriter(out, true));

            assertThat(out.toString())
                    .contains("the edge at " + address, "every record acknowledged by the edge: true");
            assertThat(exit).isZero();
            assertThat(edge.batches).isNotEmpty();
            assertThat(edge.batches).extracting(RecordBatch::terminalId).containsOnly(bundle.terminalId());
        } finally {
            edgeSide.close();
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static byte[] goldenBundle() throws Exception {
        Properties properties = new Properties();
        try (InputStream in =
                SimulationAgainstEdgeIT.class.getResourceAsStream("/vectors/enrol/config-bundle-v1.properties")) {
            properties.load(in);
        }
        return HexFormat.of().parseHex(properties.getProperty("bytes"));
    }
}
