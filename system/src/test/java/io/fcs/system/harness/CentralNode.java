package io.fcs.system.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Central's jar as a child process on H2 in its own data folder, on a free loopback port. Stopping
 * or killing it keeps the data folder, so {@link #start()} again comes back on the same books.
 */
public final class CentralNode implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@festival.test";
    public static final String ADMIN_PASSWORD = "system-test-admin-1";

    private final SystemProcess process;
    private final Http http;

    private CentralNode(SystemProcess process, Http http) {
        this.process = process;
        this.http = http;
    }

    public static CentralNode start(Path dataDir, Path logs) throws IOException {
        int port = Ports.free();
        SystemProcess process = SystemProcess.java(
                "central",
                Ports.jar("central"),
                SystemProcess.jvm("-Xmx384m"),
                List.of(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--central.data-dir=" + dataDir,
                        // the tests log in often from one address
                        "--central.login.max-failures=1000"),
                Map.of("CENTRAL_ADMIN_EMAIL", ADMIN_EMAIL, "CENTRAL_ADMIN_PASSWORD", ADMIN_PASSWORD),
                logs);
        CentralNode node = new CentralNode(process, new Http("http://127.0.0.1:" + port));
        node.awaitUp();
        return node;
    }

    /** Waits (bounded) until central answers its health check UP. */
    public void awaitUp() {
        try {
            Awaitility.await("central " + http.baseUrl() + " healthy")
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.alive()) {
                            throw new IllegalStateException("central stopped while starting\n" + process.tail(40));
                        }
                        return http.get("/actuator/health", null).body().contains("\"UP\"");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("central did not start\n" + process.tail(40), e);
        }
    }

    public Http http() {
        return http;
    }

    public String url() {
        return http.baseUrl();
    }

    public String adminToken() {
        return http.post("/auth/login", null, Http.json(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)))
                .require("admin login")
                .text("accessToken");
    }

    public boolean up() {
        return process.alive() && http.get("/actuator/health", null).body().contains("\"UP\"");
    }

    /** SIGKILL, then nothing answers on its port. */
    public void kill() {
        process.kill();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Starts again on the same data folder and port. */
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
