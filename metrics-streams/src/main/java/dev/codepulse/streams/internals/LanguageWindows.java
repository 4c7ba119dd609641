package dev.codepulse.streams.internals;

import dev.codepulse.schemas.LanguageStats;
import org.apache.kafka.common.serialization.Serde;

/** Execution reports per language, windowed by record timestamp. */
public final class LanguageWindows
        implements WindowedAggregation<ReportObservation, LanguageAggregate, LanguageStats> {
    /** The one instance; it has no state. */
    public static final LanguageWindows INSTANCE = new LanguageWindows();

    private static final Serde<LanguageAggregate> SERDE =
            Binary.serde(LanguageAggregate::toBytes, LanguageAggregate::fromBytes);

    private LanguageWindows() {}

    @Override
    public String storeName() {
        return "language-windows";
    }

    @Override
    public String partialStoreName() {
        return "language-partials";
    }

    @Override
    public String lateStoreName() {
        return "language-late-records";
    }

    @Override
    public String clockStoreName() {
        return "language-source-clocks";
    }

    @Override
    public String stream() {
        return "reports";
    }

    @Override
    public long eventTimeMs(ReportObservation value, long recordTimestampMs) {
        return recordTimestampMs;
    }

    @Override
    public LanguageAggregate newAggregate() {
        return new LanguageAggregate();
    }

    @Override
    public void add(LanguageAggregate aggregate, ReportObservation value) {
        aggregate.add(value);
    }

    @Override
    public void merge(LanguageAggregate aggregate, LanguageAggregate partial) {
        aggregate.merge(partial);
    }

    @Override
    public LanguageStats toStats(WindowKey key, long windowEndMs, LanguageAggregate aggregate) {
        return aggregate.toStats(key.key(), key.windowStartMs(), windowEndMs);
    }

    @Override
    public Serde<LanguageAggregate> serde() {
        return SERDE;
    }
}
