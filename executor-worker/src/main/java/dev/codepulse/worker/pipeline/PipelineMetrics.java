package dev.codepulse.worker.pipeline;

import dev.codepulse.schemas.ExecutionReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Meters of the submission pipeline, under {@code codepulse.worker.*}. */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter abandoned;
    private final Counter aborted;
    private final Timer transactions;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.consumed =
                Counter.builder("codepulse.worker.records.consumed")
                        .description("Submission records fetched from the broker")
                        .register(registry);
        this.abandoned =
                Counter.builder("codepulse.worker.records.abandoned")
                        .description(
                                "Results dropped because their partition moved to another worker")
                        .register(registry);
        this.aborted =
                Counter.builder("codepulse.worker.transactions.aborted")
                        .description("Transactions aborted and retried")
                        .register(registry);
        this.transactions =
                Timer.builder("codepulse.worker.transactions.committed")
                        .description("Committed transactions and their duration")
                        .register(registry);
    }

    void bindInFlight(AtomicInteger inFlight) {
        Gauge.builder("codepulse.worker.in.flight", inFlight, AtomicInteger::get)
                .description("Submissions fetched and not yet committed")
                .register(registry);
    }

    void consumed() {
        consumed.increment();
    }

    void abandoned() {
        abandoned.increment();
    }

    void abortedTransaction() {
        aborted.increment();
    }

    void committedTransaction(long nanos) {
        transactions.record(nanos, TimeUnit.NANOSECONDS);
    }

    void published(ExecutionReport report) {
        Counter.builder("codepulse.worker.reports.published")
                .description("Reports published, by language and verdict")
                .tag("language", report.getLanguage())
                .tag("verdict", report.getVerdict().name())
                .tag("cache", report.getCache().getTier().name())
                .register(registry)
                .increment();
    }

    /** Returns a one-line summary for periodic logs. */
    String summary() {
        double published =
                registry.find("codepulse.worker.reports.published").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum();
        return String.format(
                "consumed=%.0f published=%.0f transactions=%d aborted=%.0f abandoned=%.0f",
                consumed.count(),
                published,
                transactions.count(),
                aborted.count(),
                abandoned.count());
    }
}
