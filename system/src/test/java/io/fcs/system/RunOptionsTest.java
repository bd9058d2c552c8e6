package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void defaultsNeedNoSetUp() {
        RunOptions options = RunOptions.parse(new String[0], Map.of());

        assertThat(options.centralPort()).isEqualTo(8080);
        assertThat(options.adminEmail()).isEqualTo(RunOptions.DEFAULT_ADMIN_EMAIL);
        assertThat(options.dataDir().toString()).endsWith("data/festival");
        assertThat(options.runFor()).isEqualTo(Duration.ZERO);
    }

    @Test
    void environmentSetsEachOptionAndTheCommandLineWins() {
        Map<String, String> env = Map.of(
                "CENTRAL_PORT", "9090",
                "CENTRAL_ADMIN_EMAIL", "ops@example.org",
                "CENTRAL_ADMIN_PASSWORD", "a-long-password",
                "FCS_RUN_SECONDS", "30");

        RunOptions options = RunOptions.parse(new String[] {"--central-port=9191"}, env);

        assertThat(options.centralPort()).isEqualTo(9191);
        assertThat(options.adminEmail()).isEqualTo("ops@example.org");
        assertThat(options.adminPassword()).isEqualTo("a-long-password");
        assertThat(options.runFor()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--central-port=0"}, Map.of()))
                .hasMessageContaining("central-port must be 1..65535");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--run-seconds=soon"}, Map.of()))
                .hasMessageContaining("run-seconds must be a whole number");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--colour=blue"}, Map.of()))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"verbose"}, Map.of()))
                .hasMessageContaining("unknown argument 'verbose'");
    }
}
