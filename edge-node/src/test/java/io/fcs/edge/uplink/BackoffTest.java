package io.fcs.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsGrowExponentiallyWithJitterUpToTheCapAndResetOnSuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(7));
        long maxSeen = 0;
        for (int i = 1; i <= 12; i++) {
            Duration wait = backoff.failed();
            assertThat(wait).isBetween(Duration.ofMillis(100), Duration.ofSeconds(10));
            assertThat(wait.toMillis()).isLessThanOrEqualTo(Math.min(10_000, 100L << i));
            maxSeen = Math.max(maxSeen, wait.toMillis());
        }
        assertThat(maxSeen).isGreaterThan(1_000);
        backoff.succeeded();
        assertThat(backoff.failed().toMillis()).isLessThanOrEqualTo(200);
    }

    @Test
    void jitterSpreadsEdgesThatFailedTogether() {
        Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(1));
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(2));
        boolean differed = false;
        for (int i = 0; i < 8; i++) {
            differed |= !a.failed().equals(b.failed());
        }
        assertThat(differed).isTrue();
    }
}
