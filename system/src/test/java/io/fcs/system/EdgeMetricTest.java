package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeMetricTest {

    private static final String SCRAPE = """
            # HELP edge_uplink_lag_seconds age of the oldest record central has not confirmed
            # TYPE edge_uplink_lag_seconds gauge
            edge_uplink_lag_seconds 2.75
            edge_uplink_lag_seconds_max 9.0
            edge_backlog_records{zone="bar"} 12.0
            edge_central_reachable NaN
            """;

    @Test
    void theLiveLineReadsAnEdgeSampleByItsExactName() {
        assertThat(FestivalOnOneMachine.metric(SCRAPE, "edge_uplink_lag_seconds"))
                .isEqualTo(2.75);
        assertThat(FestivalOnOneMachine.metric(SCRAPE, "edge_backlog_records")).isEqualTo(12.0);
    }

    @Test
    void aMissingOrUndefinedSampleCountsAsZero() {
        assertThat(FestivalOnOneMachine.metric(SCRAPE, "edge_terminals_online")).isZero();
        assertThat(FestivalOnOneMachine.metric(SCRAPE, "edge_central_reachable"))
                .isZero();
        assertThat(FestivalOnOneMachine.metric("", "edge_uplink_lag_seconds")).isZero();
    }
}
