package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.WalletId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust chain across the real parts: the provisioning tool's key ceremony and enrolments
 * against a running central, the terminal application taking its bundle, the edge node running
 * on the TLS identity provisioning gave it and authenticating the terminal's festival
 * certificate, the terminal's record reaching central's ledger, and a revocation through the
 * tool that the edge and central both honour.
 */
class DeviceTrustAcrossPartsIT {

    /** Bounds every wait: generous, a loaded 2-core machine starts central in 1–3 minutes. */
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final List<ChildProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(Duration.ofSeconds(15));
        }
    }

    @Test
    void aTerminalEnrolledByProvisioningIsAuthenticatedByItsEdgeReachesTheLedgerAndIsRefusedOnceRevoked()
            throws Exception {
        BuiltJars jars = new BuiltJars(Path.of("..").toAbsolutePath().normalize());
        Path centralJar = required(jars, "central");
        Path edgeJar = required(jars, "edge-node");
        Path provisioningJar = required(jars, "provisioning");
        Path terminalJar = required(jars, "terminal-app");
        Path logs = dir.resolve("logs");

        int centralPort = freePort();
        String centralUrl = "http://127.0.0.1:" + centralPort;
        ChildProcess central = start(ChildProcess.startJar(
                "central",
                centralJar,
                List.of("--server.port=" + centralPort, "--central.data-dir=" + dir.resolve("central")),
                Map.of("CENTRAL_ADMIN_EMAIL", "admin@trust.test", "CENTRAL_ADMIN_PASSWORD", "trust-test-admin-1"),
                logs));
        CentralApi api = new CentralApi(centralUrl);
        await("central healthy", central, () -> api.get("/actuator/health", null)
                .body()
                .contains("\"UP\""));
        String admin = api.login("admin@trust.test", "trust-test-admin-1").orElseThrow();
        DemoFestival.Setup festival = DemoFestival.ensure(api, admin, dir);

        // key ceremony and enrolments through the provisioning tool, registered at central
        FestivalTrust trust = FestivalTrust.open(provisioningJar, dir.resolve("trust"), centralUrl, admin);
        assertThat(trust.ceremony(festival.festivalId(), DemoFestival.NAME)).isTrue();
        assertThat(trust.fingerprints())
                .contains("root CA", festival.festivalId())
                .doesNotContain(trust.storePassword());
        int mqttPort = freePort();
        String broker = "ssl://127.0.0.1:" + mqttPort;
        FestivalTrust.Device edge =
                trust.enrolEdge(UUID.randomUUID(), festival.barZoneId(), "edge-bar", List.of("127.0.0.1", "localhost"));
        FestivalTrust.Device kiosk =
                trust.enrolTerminal(UUID.randomUUID(), "kiosk", festival.barZoneId(), "kiosk-bar-1", broker);
        String devices = api.get("/admin/festivals/" + festival.festivalId() + "/devices", admin)
                .body();
        assertThat(devices).contains(edge.id().toString(), kiosk.id().toString());

        // the terminal application takes the bundle from its one-time QR and the sealed file
        Path terminalData = dir.resolve("terminal");
        ChildProcess terminalApp = start(ChildProcess.startJar(
                "terminal-app",
                terminalJar,
                List.of(
                        "--enrol-qr",
                        kiosk.qr(),
                        "--enrol",
                        kiosk.sealed().toString(),
                        "--data-dir",
                        terminalData.toString(),
                        "--headless",
                        "--simulate",
                        "1",
                        "--simulate-taps",
                        "1"),
                Map.of(),
                logs));
        await("terminal-app done", null, () -> !terminalApp.isAlive());
        assertThat(terminalApp.tail(40))
                .contains("enrolled as KIOSK terminal " + kiosk.id())
                .doesNotContain("enrolment refused");
        assertThat(terminalData.resolve("terminal.db")).exists();

        // the edge runs on provisioning's TLS identity and learns the terminal from central
        int edgeHttp = freePort();
        CentralApi edgeStatus = new CentralApi("http://127.0.0.1:" + edgeHttp);
        ChildProcess edgeNode = start(ChildProcess.startJar(
                "edge-bar",
                edgeJar,
                List.of(
                        "--config",
                        edge.edgeConfig().toString(),
                        "--central-url",
                        centralUrl,
                        "--data-dir",
                        dir.resolve("edge-bar").toString(),
                        "--mqtt-bind",
                        "127.0.0.1",
                        "--mqtt-port",
                        Integer.toString(mqttPort),
                        "--http-bind",
                        "127.0.0.1",
                        "--http-port",
                        Integer.toString(edgeHttp),
                        "--sync-interval-ms",
                        "300"),
                Map.of(),
                logs));
        await("edge up with the terminal enrolled", edgeNode, () -> {
            CentralApi.Answer health = edgeStatus.get("/health", null);
            return health.ok() && health.number("enrolled") >= 1;
        });
        assertThat(edgeNode.tail(200)).doesNotContain("insecure_mode");

        // a certificate from another festival's CA does not get onto the broker
        FestivalTrust stranger =
                FestivalTrust.open(provisioningJar, dir.resolve("stranger"), "http://127.0.0.1:1", "none");
        stranger.ceremony(UUID.randomUUID().toString(), "Another festival");
        stranger.tool()
                .with(Map.of("FCS_OFFLINE", "true"))
                .run(
                        "enrol",
                        "terminal",
                        "--mode",
                        "kiosk",
                        "--zone",
                        festival.barZoneId(),
                        "--id",
                        kiosk.id().toString(),
                        "--out",
                        dir.resolve("stranger/enrolments").toString())
                .orFail();
        FestivalTrust.Device forged = strangerDevice(stranger, kiosk);
        assertThatThrownBy(() -> ZoneTerminal.connect(forged, broker, stranger.storePassword()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect");

        String uid = "04a1b2c3d4e5f6";
        try (ZoneTerminal terminal = ZoneTerminal.connect(kiosk, broker, trust.storePassword())) {
            Optional<AuthorisationAnswer> known =
                    terminal.authorise(AuthorisationKind.TOP_UP, uid, 2500, Duration.ofSeconds(10));
            assertThat(known).isPresent();
            assertThat(known.get().outcome()).isNotEqualTo(AuthorisationOutcome.NOT_ALLOWED_HERE);

            terminal.topUp(uid, WalletId.random(), 2500, PaymentMethod.CARD);
            terminal.flush();
            WatermarkAck ack = terminal.awaitAck(1, PATIENCE).orElseThrow();
            assertThat(ack.watermark()).isEqualTo(1);
            assertThat(ack.refused()).isEmpty();
            await(
                    "the top-up in central's ledger",
                    central,
                    () -> reconciliation(api, admin, festival).number("topUpsCents") == 2500);

            // revoked through the tool: the edge stops authorising it and refuses its records
            ProvisioningTool.Result revoked = trust.revoke("terminal", kiosk.id(), "stolen from the bar");
            assertThat(revoked.exitCode()).as(revoked.output()).isZero();
            assertThat(api.get("/sync/v1/festivals/" + festival.festivalId() + "/deny-list?since=0", null)
                            .body())
                    .contains(kiosk.id().toString());
            await("the edge learns the revocation", edgeNode, () -> terminal.authorise(
                            AuthorisationKind.TOP_UP, uid, 100, Duration.ofSeconds(5))
                    .map(a -> a.outcome() == AuthorisationOutcome.NOT_ALLOWED_HERE)
                    .orElse(false));
            SignedRecord afterRevocation = terminal.topUp(uid, WalletId.random(), 9900, PaymentMethod.CARD);
            terminal.flush();
            WatermarkAck refused = terminal.awaitAck(2, PATIENCE).orElseThrow();
            assertThat(refused.refused())
                    .as("ack " + refused)
                    .contains(new RefusedRecord(2, RefusedRecord.Reason.TERMINAL_REVOKED));
            assertThat(refused.watermark()).isLessThan(2);

            // forwarded to central anyway (by an edge that did not know yet): it posts nothing
            WatermarkAck atCentral = postToCentral(centralUrl, terminal, afterRevocation);
            assertThat(atCentral.watermark()).isLessThanOrEqualTo(2);
            CentralApi.Answer figures = reconciliation(api, admin, festival);
            assertThat(figures.number("topUpsCents")).isEqualTo(2500);
            assertThat(figures.number("conservationDifferenceCents")).isZero();
            assertThat(api.get("/admin/festivals/" + festival.festivalId() + "/devices", admin)
                            .body())
                    .contains("REVOKED");
        }
    }

    private static FestivalTrust.Device strangerDevice(FestivalTrust stranger, FestivalTrust.Device kiosk)
            throws IOException {
        Path enrolment = stranger.dir().resolve("enrolments").resolve(kiosk.id().toString());
        Path files = stranger.dir().resolve("devices").resolve(kiosk.id().toString());
        Path bundle = files.resolve("config.fcsb");
        String qr = Files.readString(enrolment.resolve("enrolment-qr.txt")).strip();
        stranger.tool()
                .run(
                        "enrol",
                        "redeem",
                        "--qr",
                        qr,
                        "--sealed",
                        enrolment.resolve("bundle.sealed").toString(),
                        "--out",
                        bundle.toString(),
                        "--device-files",
                        files.toString())
                .orFail();
        return new FestivalTrust.Device(
                kiosk.id(), "TERMINAL", "kiosk", kiosk.zoneId(), bundle, files, qr, enrolment.resolve("bundle.sealed"));
    }

    private static CentralApi.Answer reconciliation(CentralApi api, String admin, DemoFestival.Setup festival) {
        return api.get("/finance/festivals/" + festival.festivalId() + "/reconciliation", admin);
    }

    /** What an edge does with a batch: {@code POST /sync/v1/records}; answers central's ack. */
    private static WatermarkAck postToCentral(String centralUrl, ZoneTerminal terminal, SignedRecord record)
            throws Exception {
        MessageCodec codec = MessageCodec.standard();
        byte[] batch =
                codec.encode(RecordBatch.of(terminal.id(), record.record().sequence(), List.of(record.encoded()), 1));
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(centralUrl + "/sync/v1/records"))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        if (codec.decode(response.body(), WatermarkAck.class) instanceof DecodeResult.Decoded<WatermarkAck> decoded) {
            return decoded.message();
        }
        throw new AssertionError("central's answer is not an ack");
    }

    private ChildProcess start(ChildProcess process) {
        processes.add(process);
        return process;
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits, bounded in time, until the check holds; fails with the process's last log lines. */
    private static void await(String what, ChildProcess process, Check check) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (check.holds()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached: " + what
                + (process == null
                        ? ""
                        : System.lineSeparator() + process.name() + ":" + System.lineSeparator() + process.tail(40)));
    }

    private static Path required(BuiltJars jars, String module) {
        return jars.of(module)
                .orElseThrow(() -> new AssertionError(module + " is not built: run with -am so that its jar exists"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
