package io.fcs.system.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The soak command's options: both spellings, and a clear error for anything else. */
class SimulationMainTest {

    @Test
    void optionsAreReadWithASpaceOrAnEqualsSign() {
        assertThat(SimulationMain.parse(new String[] {"--seeds", "3", "--terminals=250"}))
                .containsEntry("seeds", "3")
                .containsEntry("terminals", "250");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> SimulationMain.parse(new String[] {"--seed", "3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--seed");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> SimulationMain.parse(new String[] {"--minutes"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a value");
    }

    @Test
    void aFestivalWithFewerThanThreeTerminalsIsRefused() {
        assertThatThrownBy(() -> Scenario.of(1, 2, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 terminals");
    }

    @Test
    void theReplayCommandNamesEveryParameterOfTheRun() {
        assertThat(Scenario.of(17, 200, 400, 2).replayCommand())
                .contains("exec:exec@simulation")
                .contains("-Dsim.first-seed=17")
                .contains("-Dsim.seeds=1")
                .contains("-Dsim.terminals=200")
                .contains("-Dsim.wristbands=400")
                .contains("-Dsim.minutes=2");
    }
}
