package dev.codepulse.streams.internals;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Verdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Statistics of the execution reports of one language in one window. */
public final class LanguageAggregate extends WindowAggregate {
    private static final byte VERSION = 1;
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final CacheTier[] TIERS = CacheTier.values();
    private static final byte[][] VERDICT_NAMES = Binary.names(VERDICTS);
    private static final byte[][] TIER_NAMES = Binary.names(TIERS);
    private static final Set<Verdict> ERRORS =
            EnumSet.of(
                    Verdict.RUNTIME_ERROR,
                    Verdict.TIME_LIMIT_EXCEEDED,
                    Verdict.MEMORY_LIMIT_EXCEEDED,
                    Verdict.OUTPUT_LIMIT_EXCEEDED,
                    Verdict.INTERNAL_ERROR);

    private final long[] verdictCounts = new long[VERDICTS.length];
    private final long[] cacheHits = new long[TIERS.length];
    private long errorCount;
    private long cacheMisses;
    private static final int COMPILE = 0;
    private static final int RUN_CPU = 1;
    private static final int RUN_WALL = 2;
    private static final int QUEUE = 3;
    private static final int PEAK_MEMORY = 4;
    private static final int PROCESSING = 5;
    private static final int DISTRIBUTIONS = 6;

    private final DistributionAccumulator[] distributions;

    /** Creates an empty aggregate. */
    public LanguageAggregate() {
        this(new DistributionAccumulator[DISTRIBUTIONS]);
        for (int i = 0; i < DISTRIBUTIONS; i++) {
            distributions[i] = new DistributionAccumulator();
        }
    }

    private LanguageAggregate(DistributionAccumulator[] distributions) {
        this.distributions = distributions;
    }

    /**
     * Adds one report. Runs with unknown peak memory (0) are left out of peakMemoryBytes. A cache
     * hit ran nothing: its compile step and runs are copies from the cached report, so they are
     * left out of the compile, run and memory distributions. The hit still counts in verdicts,
     * cache hits, queue time and processing time.
     */
    public void add(ReportObservation report) {
        countSample();
        verdictCounts[report.verdict().ordinal()]++;
        if (ERRORS.contains(report.verdict())) {
            errorCount++;
        }
        if (report.cacheHit()) {
            cacheHits[report.cacheTier().ordinal()]++;
        } else {
            cacheMisses++;
        }
        distributions[QUEUE].add(report.queueMs());
        distributions[PROCESSING].add(report.processingMicros() / 1_000.0);
        if (report.cacheHit()) {
            return;
        }
        if (report.compileMs() >= 0) {
            distributions[COMPILE].add(report.compileMs());
        }
        for (int i = 0; i < report.runs(); i++) {
            distributions[RUN_CPU].add(report.runCpuMs()[i]);
            distributions[RUN_WALL].add(report.runWallMs()[i]);
            if (report.runPeakMemoryBytes()[i] > 0) {
                distributions[PEAK_MEMORY].add(report.runPeakMemoryBytes()[i]);
            }
        }
    }

    /** Merges a partial aggregate of the same language and window into this one. */
    public void merge(LanguageAggregate partial) {
        countSamples(partial.sampleCount());
        for (int i = 0; i < verdictCounts.length; i++) {
            verdictCounts[i] += partial.verdictCounts[i];
        }
        for (int i = 0; i < cacheHits.length; i++) {
            cacheHits[i] += partial.cacheHits[i];
        }
        errorCount += partial.errorCount;
        cacheMisses += partial.cacheMisses;
        for (int i = 0; i < DISTRIBUTIONS; i++) {
            distributions[i].merge(partial.distributions[i]);
        }
    }

    /** Returns the output record of this window. */
    public LanguageStats toStats(String language, long windowStartMs, long windowEndMs) {
        return LanguageStats.newBuilder()
                .setLanguage(language)
                .setWindowStart(Instant.ofEpochMilli(windowStartMs))
                .setWindowEnd(Instant.ofEpochMilli(windowEndMs))
                .setCount(sampleCount())
                .setVerdictCounts(nonZero(VERDICTS, verdictCounts))
                .setErrorCount(errorCount)
                .setCacheHits(nonZero(TIERS, cacheHits))
                .setCacheMisses(cacheMisses)
                .setCompileMillis(distributions[COMPILE].toDistribution())
                .setRunCpuMillis(distributions[RUN_CPU].toDistribution())
                .setRunWallMillis(distributions[RUN_WALL].toDistribution())
                .setQueueMillis(distributions[QUEUE].toDistribution())
                .setPeakMemoryBytes(distributions[PEAK_MEMORY].toDistribution())
                .setProcessingMillis(distributions[PROCESSING].toDistribution())
                .setSampleCount(sampleCount())
                .setComplete(complete())
                .setLateRecordsDropped(lateRecordsDropped())
                .build();
    }

    /** Serializes this aggregate for the window store. */
    public byte[] toBytes() {
        return toBytes(VERSION);
    }

    /**
     * Reads an aggregate written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public static LanguageAggregate fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Binary.checkVersion(buffer, VERSION, "language aggregate");
        long[] verdicts = new long[VERDICTS.length];
        long[] hits = new long[TIERS.length];
        int headerStart = buffer.position();
        buffer.position(headerStart + WindowAggregate.HEADER_BYTES);
        readCounts(buffer, VERDICTS, verdicts, Verdict.UNKNOWN.ordinal());
        long errors = buffer.getLong();
        readCounts(buffer, TIERS, hits, CacheTier.NONE.ordinal());
        long misses = buffer.getLong();
        DistributionAccumulator[] distributions = new DistributionAccumulator[DISTRIBUTIONS];
        for (int i = 0; i < distributions.length; i++) {
            distributions[i] = DistributionAccumulator.readFrom(buffer);
        }
        LanguageAggregate aggregate = new LanguageAggregate(distributions);
        System.arraycopy(verdicts, 0, aggregate.verdictCounts, 0, verdicts.length);
        System.arraycopy(hits, 0, aggregate.cacheHits, 0, hits.length);
        aggregate.errorCount = errors;
        aggregate.cacheMisses = misses;
        buffer.position(headerStart);
        aggregate.readHeader(buffer);
        return aggregate;
    }

    @Override
    int serializedSize() {
        int size = countsSize(verdictCounts, VERDICT_NAMES) + 8 + countsSize(cacheHits, TIER_NAMES);
        size += 8;
        for (DistributionAccumulator distribution : distributions) {
            size += distribution.serializedSize();
        }
        return size;
    }

    @Override
    void writeBody(ByteBuffer buffer) {
        writeCounts(buffer, verdictCounts, VERDICT_NAMES);
        buffer.putLong(errorCount);
        writeCounts(buffer, cacheHits, TIER_NAMES);
        buffer.putLong(cacheMisses);
        for (DistributionAccumulator distribution : distributions) {
            distribution.writeTo(buffer);
        }
    }

    private static int countsSize(long[] counts, byte[][] names) {
        int size = Integer.BYTES;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                size += Binary.stringSize(names[i]) + Long.BYTES;
            }
        }
        return size;
    }

    private static void writeCounts(ByteBuffer buffer, long[] counts, byte[][] names) {
        int nonZero = 0;
        for (long count : counts) {
            nonZero += count != 0 ? 1 : 0;
        }
        buffer.putInt(nonZero);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                Binary.putString(buffer, names[i]);
                buffer.putLong(counts[i]);
            }
        }
    }

    // Names this release does not know are counted under the enum's default symbol.
    private static void readCounts(
            ByteBuffer buffer, Enum<?>[] symbols, long[] counts, int fallback) {
        int entries = buffer.getInt();
        if (entries < 0 || entries > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid count entries " + entries);
        }
        for (int i = 0; i < entries; i++) {
            String name = Binary.getString(buffer);
            long count = buffer.getLong();
            counts[Binary.ordinalOf(symbols, name, symbols[fallback])] += count;
        }
    }

    private static Map<String, Long> nonZero(Enum<?>[] symbols, long[] counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Enum<?> symbol : symbols) {
            if (counts[symbol.ordinal()] != 0) {
                map.put(symbol.name(), counts[symbol.ordinal()]);
            }
        }
        return map;
    }
}
