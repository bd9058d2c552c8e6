package io.fcs.edge.testing;

import io.fcs.protocol.testing.SystemPackages;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Mosquitto broker started by a test on a free loopback port with a generated config; stopped by {@link #close}. */
public final class Mosquitto implements AutoCloseable {

    private final Path executable;
    private final Path folder;
    public final int port;
    private Process process;

    public Mosquitto(Path folder) throws IOException, InterruptedException {
        this.executable = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        this.folder = folder;
        this.port = Ports.free();
        Files.writeString(folder.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 1000000
                max_inflight_messages 1000
                message_size_limit 2097152
                set_tcp_nodelay true
                log_dest stdout
                """.formatted(port));
        start();
    }

    /** The running broker process (benchmarks read its CPU time). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        executable.toString(),
                        "-c",
                        folder.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(
                "mosquitto did not listen on " + port + ": " + Files.readString(folder.resolve("mosquitto.log")));
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
