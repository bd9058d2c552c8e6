package io.fcs.system.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The festival simulated end to end in one thread and virtual time: 200 terminals, their edges
 * and central over a network that drops, duplicates, reorders, replays, tampers and partitions,
 * with crashes after durable writes and torn, cloned and rolled-back wristbands. Each seed must
 * keep every invariant of DESIGN §7; a failing seed prints the command that replays it.
 */
class SimulationTest {

    private static final int TERMINALS = 200;
    private static final int WRISTBANDS = 200;
    private static final int MINUTES = 1;

    private static FestivalSimulation.RunReport run(Scenario scenario) {
        FestivalSimulation.RunReport report = new FestivalSimulation(scenario).run();
        System.out.println((report.passed() ? "PASS " : "FAIL ") + report.summary());
        return report;
    }

    private static void assertKeepsInvariants(long seed) {
        Scenario scenario = Scenario.of(seed, TERMINALS, WRISTBANDS, MINUTES);
        FestivalSimulation.RunReport report = run(scenario);
        assertThat(report.violations())
                .as("seed %d violated the invariants; replay with: %s", seed, scenario.replayCommand())
                .isEmpty();
    }

    @Test
    void seed1KeepsEveryInvariantUnderFaults() {
        assertKeepsInvariants(1);
    }

    @Test
    void seed2KeepsEveryInvariantUnderFaults() {
        assertKeepsInvariants(2);
    }

    @Test
    void seed3KeepsEveryInvariantUnderFaults() {
        assertKeepsInvariants(3);
    }

    @Test
    void seed4KeepsEveryInvariantUnderFaults() {
        assertKeepsInvariants(4);
    }

    @Test
    void seed5KeepsEveryInvariantUnderFaults() {
        assertKeepsInvariants(5);
    }

    @Test
    void theSameSeedReplaysTheSameRunEventForEvent() {
        Scenario scenario = Scenario.of(42, 60, 60, 1);
        FestivalSimulation.RunReport first = run(scenario);
        FestivalSimulation.RunReport second = run(scenario);
        FestivalSimulation.RunReport other = run(Scenario.of(43, 60, 60, 1));
        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.summary()).isEqualTo(first.summary());
        assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    }

    @Test
    void aRecordPostedTwiceOnADuplicateDeliveryIsCaught() {
        FestivalSimulation.RunReport report =
                run(Scenario.of(7, 60, 60, 1).withPlanted(Scenario.PlantedFault.DOUBLE_APPLY_DUPLICATES));
        assertThat(report.violations())
                .anySatisfy(v -> assertThat(v).startsWith("exactly once: record"))
                .anySatisfy(v -> assertThat(v).startsWith("conservation:"));
    }

    @Test
    void recordsAnEdgeLosesAfterAcknowledgingThemAreCaught() {
        FestivalSimulation.RunReport report =
                run(Scenario.of(7, 60, 60, 1).withPlanted(Scenario.PlantedFault.EDGE_LOSES_RECORDS_ON_RESTART));
        assertThat(report.violations()).anySatisfy(v -> assertThat(v).startsWith("no loss: record"));
    }
}
