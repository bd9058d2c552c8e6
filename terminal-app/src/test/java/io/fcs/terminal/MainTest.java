package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("--mode", "FCS_MODE", "--reader", "FCS_READER", "--edge", "FCS_EDGE_URL")
                .contains("--data-dir", "FCS_DATA_DIR", "--headless", "--simulate", "--tls-keystore");
    }

    @Test
    void anUnknownModeIsRefusedWithUsage() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--mode", "bar"}, new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--mode");
    }

    @Test
    void headlessWithoutASimulationIsRefused() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--headless"}, new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--simulate");
    }
}
