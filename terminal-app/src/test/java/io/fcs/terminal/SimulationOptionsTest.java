package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationOptionsTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
    }

    @Test
    void simulatingMoreTerminalsThanEnrolledBundlesIsRefused() {
        StringWriter out = new StringWriter();

        int exit = run(
                out,
                "--headless",
                "--simulate",
                "3",
                "--simulate-bundle",
                dir.resolve("a.fcsb") + "," + dir.resolve("b.fcsb"),
                "--edge",
                "mqtt://127.0.0.1:1",
                "--data-dir",
                dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("--simulate 3 needs as many enrolled terminals: 2 --simulate-bundle");
    }

    @Test
    void simulatingEnrolledTerminalsNeedsARealEdgeAddress() {
        StringWriter out = new StringWriter();

        int exit = run(
                out,
                "--headless",
                "--simulate",
                "1",
                "--simulate-bundle",
                dir.resolve("a.fcsb").toString(),
                "--edge",
                "none",
                "--data-dir",
                dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("give its address with --edge");
    }

    @Test
    void anUnreadableBundleStopsTheSimulationWithTheEnrolmentReason() {
        StringWriter out = new StringWriter();

        int exit = run(
                out,
                "--headless",
                "--simulate",
                "1",
                "--simulate-bundle",
                dir.resolve("missing.fcsb").toString(),
                "--edge",
                "mqtt://127.0.0.1:1",
                "--data-dir",
                dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("enrolment refused (UNREADABLE)");
    }
}
