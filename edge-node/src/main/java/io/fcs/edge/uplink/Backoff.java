package io.fcs.edge.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure wait a random time
 * in [base, min(cap, base * 2^n)]. A success resets it. Many edges coming back after an outage
 * so spread their retries instead of hitting central together.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, was " + base + " / " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** Records a failure and answers how long to wait before the next try. */
    public Duration failed() {
        failures = Math.min(failures + 1, 30);
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures, 20));
        long wait = base.toMillis() + (ceiling > base.toMillis() ? random.nextLong(ceiling - base.toMillis() + 1) : 0);
        return Duration.ofMillis(Math.min(wait, cap.toMillis()));
    }

    public void succeeded() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
