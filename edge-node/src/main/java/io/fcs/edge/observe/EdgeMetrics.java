package io.fcs.edge.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The edge's Prometheus metrics: records in / out / refused by reason, backlog, lag towards
 * central, authorisation latency. One instance per edge; features receive it by constructor.
 */
public final class EdgeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter recordsIn;
    private final Counter recordsDuplicate;
    private final Counter recordsUplinked;
    private final Timer authorisation;

    public EdgeMetrics() {
        recordsIn = Counter.builder("edge_records_in")
                .description("records verified and stored durably")
                .register(registry);
        recordsDuplicate = Counter.builder("edge_records_duplicate")
                .description("records received again with the same bytes (absorbed)")
                .register(registry);
        recordsUplinked = Counter.builder("edge_records_out")
                .description("records confirmed by central's watermark")
                .register(registry);
        authorisation = Timer.builder("edge_authorisation")
                .description("time to decide a tap authorisation")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void recordsIn(int count) {
        recordsIn.increment(count);
    }

    public void recordsDuplicate(int count) {
        recordsDuplicate.increment(count);
    }

    public void recordsOut(long count) {
        recordsUplinked.increment(count);
    }

    /** A record or message refused, counted by its reason code. */
    public void refused(String what, String reason) {
        Counter.builder("edge_refused")
                .description("inputs refused, by kind and reason")
                .tag("kind", what)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void authorised(String outcome, Duration took) {
        authorisation.record(took);
        Counter.builder("edge_authorisations")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private final java.util.Map<Enum<?>, Counter> authorisations = new java.util.concurrent.ConcurrentHashMap<>();

    /** A tap decided, {@code nanos} from its request's decoding to its answer (hold durable). */
    public void authorised(Enum<?> outcome, long nanos) {
        authorisation.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        authorisations
                .computeIfAbsent(outcome, o -> Counter.builder("edge_authorisations")
                        .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry))
                .increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void count(String name, String tagKey, String tagValue) {
        Counter.builder(name).tag(tagKey, tagValue).register(registry).increment();
    }

    public double counterValue(String name, String tagKey, String tagValue) {
        Counter counter = registry.find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    public double refusedCount(String reason) {
        return registry.find("edge_refused").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    public String scrape() {
        return registry.scrape();
    }
}
