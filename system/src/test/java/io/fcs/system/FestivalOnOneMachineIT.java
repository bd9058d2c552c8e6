package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, end to end against the central jar the build just made. */
class FestivalOnOneMachineIT {

    @TempDir
    Path data;

    @Test
    void runCommandStartsCentralAndAnEdgePerZoneReportsConservationAndStopsEverythingCleanly() throws Exception {
        int port = freePort();
        Path root = Path.of("..").toAbsolutePath().normalize();
        RunOptions options = RunOptions.parse(
                new String[] {"--root=" + root, "--data-dir=" + data, "--central-port=" + port, "--run-seconds=15"},
                Map.of());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        FestivalOnOneMachine festival =
                new FestivalOnOneMachine(options, new PrintStream(captured, true, StandardCharsets.UTF_8));

        int exit = festival.run();

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output)
                .contains("Demo Festival (")
                .contains("http://localhost:" + port + "/swagger-ui.html")
                .contains("admin           " + RunOptions.DEFAULT_ADMIN_EMAIL)
                .contains("Started edge-bar")
                .contains("Started edge-entrance")
                .contains("conservation holds")
                .doesNotContain("OFF BY")
                .contains("Stopping edge-bar")
                .contains("Stopping central");
        assertThat(Files.readString(data.resolve("demo-festival.properties"))).contains("festival=");
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
