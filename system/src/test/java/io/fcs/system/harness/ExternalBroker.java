package io.fcs.system.harness;

import io.fcs.protocol.testing.SystemPackages;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Debian's Mosquitto as the zone's external MQTT broker, on a free loopback port, with its
 * sessions persisted to its folder (as a production broker keeps them across a restart).
 */
public final class ExternalBroker implements AutoCloseable {

    private final SystemProcess process;
    private final int port;

    private ExternalBroker(SystemProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ExternalBroker start(Path folder, Path logs) throws IOException {
        Path executable = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        Files.createDirectories(folder);
        int port = Ports.free();
        Path conf = folder.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                user %s
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_queued_messages 1000000
                max_inflight_messages 1000
                set_tcp_nodelay true
                message_size_limit 2097152
                log_dest stdout
                """.formatted(port, System.getProperty("user.name"), folder));
        ExternalBroker broker = new ExternalBroker(
                SystemProcess.of("mosquitto", List.of(executable.toString(), "-c", conf.toString()), Map.of(), logs),
                port);
        broker.awaitUp();
        return broker;
    }

    private void awaitUp() {
        Awaitility.await("mosquitto listening").atMost(Duration.ofSeconds(20)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public String tcpUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    public String mqttUrl() {
        return "mqtt://127.0.0.1:" + port;
    }

    /** SIGTERM (Mosquitto saves its sessions), then the same command again. */
    public void restart() throws IOException {
        process.stop(Duration.ofSeconds(10));
        process.start();
        awaitUp();
    }

    @Override
    public void close() {
        process.close();
    }
}
