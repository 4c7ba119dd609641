package dev.codepulse.streams;

import static dev.codepulse.streams.TopologyFixture.GRACE_MS;
import static dev.codepulse.streams.TopologyFixture.IDLE_CLOSE_MS;
import static dev.codepulse.streams.TopologyFixture.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageWindowsTest {
    @TempDir Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldMergeRunsOfTwoWorkers() {
        for (int i = 0; i < 500; i++) {
            fixture.report(Events.report("python", 20).setWorkerId("worker-a").build(), 1_000 + i);
        }
        for (int i = 0; i < 500; i++) {
            long wallMs = i % 10 == 9 ? 2_000 : 20;
            fixture.report(
                    Events.report("python", wallMs).setWorkerId("worker-b").build(), 2_000 + i);
        }

        closeFirstWindow();

        Distribution runs = single(fixture.languageStats.readValuesToList()).getRunWallMillis();
        assertThat(runs.getCount()).isEqualTo(1_000);
        assertThat(runs.getMin()).isEqualTo(20.0);
        assertThat(runs.getMax()).isEqualTo(2_000.0);
        assertThat(runs.getSum() / runs.getCount()).isEqualTo(119.0);
        assertThat(runs.getP50()).isCloseTo(20.0, within(0.2));
        assertThat(runs.getP90()).isCloseTo(20.0, within(0.2));
        assertThat(runs.getP95()).isCloseTo(20.0, within(0.2));
        assertThat(runs.getP99()).isCloseTo(2_000.0, within(20.0));
    }

    @Test
    void shouldCountVerdictsErrorsAndCacheTiers() {
        fixture.report(Events.report("cpp", 5).setCompile(Events.compile(600)).build(), 1_000);
        fixture.report(
                Events.report("cpp", 5)
                        .setVerdict(Verdict.RUNTIME_ERROR)
                        .setCompile(Events.compile(700))
                        .build(),
                2_000);
        fixture.report(
                Events.report("cpp")
                        .setCache(hit(CacheTier.REDIS))
                        .setVerdict(Verdict.WRONG_ANSWER)
                        .build(),
                3_000);

        closeFirstWindow();

        LanguageStats stats = single(fixture.languageStats.readValuesToList());
        assertThat(stats.getCount()).isEqualTo(3);
        assertThat(stats.getSampleCount()).isEqualTo(3);
        assertThat(stats.getVerdictCounts())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ACCEPTED", 1L, "RUNTIME_ERROR", 1L, "WRONG_ANSWER", 1L));
        assertThat(stats.getErrorCount()).isEqualTo(1);
        assertThat(stats.getCacheHits()).containsExactlyEntriesOf(Map.of("REDIS", 1L));
        assertThat(stats.getCacheMisses()).isEqualTo(2);
        assertThat(stats.getCompileMillis().getCount()).isEqualTo(2);
        assertThat(stats.getCompileMillis().getSum()).isEqualTo(1_300.0);
        assertThat(stats.getRunWallMillis().getCount()).isEqualTo(2);
        assertThat(stats.getProcessingMillis().getMax()).isEqualTo(30.0);
    }

    @Test
    void shouldLeaveCacheHitsOutOfCompileRunAndMemoryTimes() {
        fixture.report(Events.report("cpp", 40).setCompile(Events.compile(600)).build(), 1_000);
        for (int i = 0; i < 9; i++) {
            fixture.report(
                    Events.report("cpp", 40)
                            .setCompile(Events.compile(600))
                            .setCache(hit(CacheTier.LOCAL))
                            .build(),
                    2_000 + i);
        }

        closeFirstWindow();

        LanguageStats stats = single(fixture.languageStats.readValuesToList());
        assertThat(stats.getCount()).isEqualTo(10);
        assertThat(stats.getCacheHits()).containsExactlyEntriesOf(Map.of("LOCAL", 9L));
        assertThat(stats.getCompileMillis().getCount()).isEqualTo(1);
        assertThat(stats.getRunWallMillis().getCount()).isEqualTo(1);
        assertThat(stats.getRunCpuMillis().getCount()).isEqualTo(1);
        assertThat(stats.getPeakMemoryBytes().getCount()).isEqualTo(1);
        assertThat(stats.getQueueMillis().getCount()).isEqualTo(10);
        assertThat(stats.getProcessingMillis().getCount()).isEqualTo(10);
    }

    @Test
    void shouldCountOutOfOrderRecordsWithinGrace() {
        fixture.report(Events.report("java", 10).build(), 50_000);
        fixture.report(Events.report("java", 10).build(), WINDOW_MS + 5_000);

        fixture.report(Events.report("java", 10).build(), 59_000);
        closeFirstWindow();

        LanguageStats first = single(fixture.languageStats.readValuesToList());
        assertThat(first.getWindowStart()).isEqualTo(Instant.EPOCH);
        assertThat(first.getCount()).isEqualTo(2);
        assertThat(first.getComplete()).isTrue();
    }

    @Test
    void shouldDropAndCountRecordsAfterGrace() {
        fixture.report(Events.report("java", 10).build(), 1_000);
        closeFirstWindow();

        fixture.report(Events.report("java", 10).build(), 2_000);
        fixture.report(Events.report("java", 10).build(), 3_000);
        fixture.report(Events.report("java", 10).build(), 3 * WINDOW_MS);
        fixture.report(Events.report("closer", 1).build(), 4 * WINDOW_MS + GRACE_MS);

        List<LanguageStats> emitted = java(fixture.languageStats.readValuesToList());
        assertThat(emitted).extracting(LanguageStats::getCount).containsExactly(1L, 1L);
        assertThat(emitted.get(0).getLateRecordsDropped()).isZero();
        assertThat(emitted.get(1).getLateRecordsDropped()).isEqualTo(2);
        assertThat(fixture.counter("codepulse.streams.records.dropped", "reason", "late"))
                .isEqualTo(2.0);
    }

    @Test
    void shouldEmitEachWindowOnce() {
        fixture.report(Events.report("go", 10).build(), 1_000);
        fixture.report(Events.report("rust", 10).build(), 2_000);
        fixture.report(Events.report("go", 10).build(), WINDOW_MS + 1_000);

        fixture.report(Events.report("go", 10).build(), WINDOW_MS + GRACE_MS);
        fixture.report(Events.report("go", 10).build(), WINDOW_MS + GRACE_MS + 1);
        fixture.report(Events.report("go", 10).build(), 2 * WINDOW_MS + GRACE_MS);
        fixture.driver.advanceWallClockTime(Duration.ofHours(1));

        List<KeyValue<String, LanguageStats>> emitted = fixture.languageStats.readKeyValuesToList();
        assertThat(emitted)
                .extracting(record -> record.key)
                .containsExactly(
                        "go@1970-01-01T00:00:00Z",
                        "rust@1970-01-01T00:00:00Z",
                        "go@1970-01-01T00:01:00Z",
                        "go@1970-01-01T00:02:00Z");
        assertThat(emitted)
                .extracting(record -> record.value.getCount())
                .containsExactly(1L, 1L, 3L, 1L);
    }

    @Test
    void shouldCloseIdleWindowOnWallClock() {
        fixture.report(Events.report("ruby", 10).build(), 1_000);

        fixture.driver.advanceWallClockTime(Duration.ofMillis(WINDOW_MS + GRACE_MS - 1_000));
        List<LanguageStats> beforeIdle = fixture.languageStats.readValuesToList();
        fixture.driver.advanceWallClockTime(Duration.ofMillis(IDLE_CLOSE_MS));

        assertThat(beforeIdle).isEmpty();
        LanguageStats closed = single(fixture.languageStats.readValuesToList());
        assertThat(closed.getCount()).isEqualTo(1);
        assertThat(closed.getComplete()).isFalse();
    }

    @Test
    void shouldEmitIdleWindowOnce() {
        fixture.report(Events.report("ruby", 10).build(), 1_000);
        fixture.driver.advanceWallClockTime(
                Duration.ofMillis(WINDOW_MS + GRACE_MS + IDLE_CLOSE_MS));
        // The partial reaches the window owner on the first tick; the owner closes it on the next.
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(1));

        fixture.report(Events.report("ruby", 10).build(), 2_000);
        fixture.report(Events.report("ruby", 10).build(), WINDOW_MS + 1_000);
        fixture.report(Events.report("ruby", 10).build(), 3 * WINDOW_MS);

        List<LanguageStats> emitted = fixture.languageStats.readValuesToList();
        assertThat(emitted)
                .extracting(LanguageStats::getWindowStart)
                .containsExactly(Instant.EPOCH, Instant.ofEpochMilli(WINDOW_MS));
        assertThat(emitted.get(0).getCount()).isEqualTo(1);
        assertThat(emitted.get(1).getLateRecordsDropped()).isEqualTo(1);
    }

    private void closeFirstWindow() {
        fixture.report(Events.report("closer", 1).build(), WINDOW_MS + GRACE_MS);
    }

    private static LanguageStats single(List<LanguageStats> emitted) {
        List<LanguageStats> windows =
                emitted.stream().filter(stats -> !"closer".equals(stats.getLanguage())).toList();
        assertThat(windows).hasSize(1);
        return windows.get(0);
    }

    private static List<LanguageStats> java(List<LanguageStats> emitted) {
        return emitted.stream().filter(stats -> "java".equals(stats.getLanguage())).toList();
    }

    private static CacheOutcome hit(CacheTier tier) {
        return CacheOutcome.newBuilder().setHit(true).setTier(tier).setLookupMicros(100).build();
    }
}
