package dev.codepulse.optimizer;

import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Sketches;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds window aggregates for tests: healthy by default, with the values a test changes. */
public final class Aggregates {
    /** Start of the first window in tests. */
    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** Window length in tests. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private Aggregates() {}

    /** Returns the start of window {@code index}, counting from {@link #T0}. */
    public static Instant windowStart(int index) {
        return T0.plus(WINDOW.multipliedBy(index));
    }

    /** Returns a distribution with the given count and p95; the other quantiles follow from it. */
    public static Distribution distribution(long count, double p95) {
        return Distribution.newBuilder()
                .setCount(count)
                .setSum(p95 * count / 2)
                .setMin(count == 0 ? 0 : p95 / 10)
                .setMax(count == 0 ? 0 : p95 * 1.5)
                .setP50(p95 / 2)
                .setP90(p95 * 0.9)
                .setP95(p95)
                .setP99(p95 * 1.2)
                .setRelativeAccuracy(Sketches.RELATIVE_ACCURACY)
                .setSketch(ByteBuffer.allocate(0))
                .build();
    }

    /** Starts a healthy language aggregate of {@code reports} reports in window {@code index}. */
    public static LanguageBuilder language(String language, int index, long reports) {
        return new LanguageBuilder(language, index, reports);
    }

    /** Returns a function aggregate of {@code calls} calls with the given p95, in window index. */
    public static FunctionStats function(String function, int index, long calls, double p95Ms) {
        return FunctionStats.newBuilder()
                .setFunction(function)
                .setWindowStart(windowStart(index))
                .setWindowEnd(windowStart(index + 1))
                .setCount(calls)
                .setErrors(0)
                .setInstances(List.of("worker-1"))
                .setWallNanos(distribution(calls, p95Ms * 1_000_000))
                .setCpuNanos(0)
                .setAllocatedBytes(0)
                .setSampleCount(calls)
                .setComplete(true)
                .build();
    }

    /** Builder of a language aggregate. */
    public static final class LanguageBuilder {
        private final LanguageStats.Builder builder;
        private final Map<String, Long> verdicts = new TreeMap<>();
        private final long reports;
        private long errors;
        private long hits;
        private long misses;

        private LanguageBuilder(String language, int index, long reports) {
            this.reports = reports;
            this.hits = reports * 8 / 10;
            this.misses = reports - hits;
            builder =
                    LanguageStats.newBuilder()
                            .setLanguage(language)
                            .setWindowStart(windowStart(index))
                            .setWindowEnd(windowStart(index + 1))
                            .setCount(reports)
                            .setCompileMillis(distribution(reports, 500))
                            .setRunCpuMillis(distribution(reports, 40))
                            .setRunWallMillis(distribution(reports, 50))
                            .setQueueMillis(distribution(reports, 20))
                            .setPeakMemoryBytes(distribution(reports, 32 * 1024 * 1024))
                            .setProcessingMillis(distribution(reports, 600))
                            .setSampleCount(reports)
                            .setComplete(true);
        }

        /** Sets the count of one verdict; error verdicts also count as errors. */
        public LanguageBuilder verdict(String verdict, long count) {
            verdicts.put(verdict, count);
            if (!verdict.equals("ACCEPTED") && !verdict.equals("WRONG_ANSWER")) {
                errors += count;
            }
            return this;
        }

        /** Sets cache hits (all in the LOCAL tier) and misses. */
        public LanguageBuilder cache(long hitCount, long missCount) {
            this.hits = hitCount;
            this.misses = missCount;
            return this;
        }

        /** Sets the queue time distribution. */
        public LanguageBuilder queueP95(double p95Ms) {
            builder.setQueueMillis(distribution(reports, p95Ms));
            return this;
        }

        /** Sets the run wall time distribution. */
        public LanguageBuilder runWallP95(double p95Ms) {
            builder.setRunWallMillis(distribution(reports, p95Ms));
            return this;
        }

        /** Sets the compile time distribution. */
        public LanguageBuilder compileP95(double p95Ms) {
            builder.setCompileMillis(distribution(reports, p95Ms));
            return this;
        }

        /** Sets the peak memory distribution. */
        public LanguageBuilder peakMemoryP95(double bytes) {
            builder.setPeakMemoryBytes(distribution(reports, bytes));
            return this;
        }

        public LanguageStats build() {
            Map<String, Long> counts = new TreeMap<>(verdicts);
            long judged = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.merge("ACCEPTED", reports - judged, Long::sum);
            return builder.setVerdictCounts(counts)
                    .setErrorCount(errors)
                    .setCacheHits(Map.of("LOCAL", hits))
                    .setCacheMisses(misses)
                    .build();
        }
    }
}
