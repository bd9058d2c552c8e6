package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, end to end against the central jar the build just made. */
class FestivalOnOneMachineIT {

    @TempDir
    Path data;

    @Test
    void runCommandProvisionsTheFestivalRunsTerminalsOverTlsEdgesIntoTheLedgerAndStopsEverythingCleanly()
            throws Exception {
        int port = freePort();
        Path root = Path.of("..").toAbsolutePath().normalize();
        RunOptions options = RunOptions.parse(
                new String[] {"--root=" + root, "--data-dir=" + data, "--central-port=" + port, "--run-seconds=20"},
                Map.of());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        FestivalOnOneMachine festival =
                new FestivalOnOneMachine(options, new PrintStream(captured, true, StandardCharsets.UTF_8));

        int exit = festival.run();

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("Demo Festival (")
                .contains("Key ceremony done")
                .contains("Ticket key installed at central")
                .contains("Enrolled through provisioning: 7 devices")
                .contains("http://localhost:" + port + "/swagger-ui.html")
                .contains("http://localhost:" + port + "/admin   as " + RunOptions.DEFAULT_ADMIN_EMAIL)
                .contains("portal          http://localhost:" + port + "/")
                .contains("/actuator/prometheus")
                .contains("Started edge-bar (MQTT over TLS")
                .contains("Started edge-entrance (MQTT over TLS")
                .contains("Started 5 simulated terminals over MQTT/TLS")
                .containsPattern("tx/s \\| backlog \\d+ \\| lag [0-9.]+ s \\| edges 2/2 up")
                .contains("conservation holds")
                .doesNotContain("OFF BY")
                .contains("Stopping edge-bar")
                .contains("Stopping central");
        Matcher applied = Pattern.compile("central applied (\\d+) records").matcher(output);
        assertThat(applied.find()).as(output).isTrue();
        assertThat(Long.parseLong(applied.group(1)))
                .as("records of the simulated terminals in central's ledger")
                .isPositive();
        assertThat(output).containsPattern("top-ups [1-9]\\d*");
        assertThat(output)
                .as("the tills sell only to wristbands their edge already knows")
                .doesNotContain("UNKNOWN_WRISTBAND");
        assertThat(Files.readString(data.resolve("demo-festival.properties"))).contains("festival=");
        assertThat(data.resolve("trust/keys/festival.p12")).exists();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).as("central released its port").isEqualTo(port);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
