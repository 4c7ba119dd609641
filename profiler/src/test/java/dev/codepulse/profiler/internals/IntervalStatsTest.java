package dev.codepulse.profiler.internals;

import static dev.codepulse.profiler.internals.IntervalStats.NOT_MEASURED;
import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.Sketches;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntervalStatsTest {

    @Test
    void shouldTrackCountErrorsAndWallTimes() {
        IntervalStats stats = new IntervalStats();

        stats.add(300, NOT_MEASURED, NOT_MEASURED, false);
        stats.add(100, NOT_MEASURED, NOT_MEASURED, true);
        stats.add(200, NOT_MEASURED, NOT_MEASURED, false);

        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.wallMeasured()).isEqualTo(3);
        assertThat(stats.sumWallNanos()).isEqualTo(600);
        assertThat(stats.minWallNanos()).isEqualTo(100);
        assertThat(stats.maxWallNanos()).isEqualTo(300);
        assertThat(stats.latencySketch().getCount()).isEqualTo(3.0);
    }

    @Test
    void shouldCountUnmeasuredCallsWithoutWallTime() {
        IntervalStats stats = new IntervalStats();

        stats.add(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, false);
        stats.add(50, 40, 1_024, false);

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.wallMeasured()).isEqualTo(1);
        assertThat(stats.sumWallNanos()).isEqualTo(50);
        assertThat(stats.resourceMeasured()).isEqualTo(1);
        assertThat(stats.cpuNanos()).isEqualTo(40);
        assertThat(stats.allocatedBytes()).isEqualTo(1_024);
    }

    @Test
    void shouldReportZeroMinMaxUnmeasured() {
        IntervalStats stats = new IntervalStats();

        stats.add(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, true);

        assertThat(stats.minWallNanos()).isZero();
        assertThat(stats.maxWallNanos()).isZero();
        assertThat(stats.latencySketch().isEmpty()).isTrue();
    }

    @Test
    void shouldFillSketchLikeDdSketchAccept() {
        SplittableRandom random = new SplittableRandom(7);
        IntervalStats stats = new IntervalStats();
        DDSketch expected = Sketches.newSketch();

        for (int i = 0; i < 100_000; i++) {
            long wallNanos = random.nextLong(0, 50_000_000) >>> random.nextInt(20);
            stats.add(wallNanos, NOT_MEASURED, NOT_MEASURED, false);
            expected.accept(wallNanos);
        }

        assertThat(Sketches.encode(stats.latencySketch())).isEqualTo(Sketches.encode(expected));
    }

    @Test
    void shouldMergeStatsAndSketches() {
        IntervalStats first = new IntervalStats();
        IntervalStats second = new IntervalStats();
        IntervalStats all = new IntervalStats();
        for (long wallNanos = 1; wallNanos <= 1_000; wallNanos++) {
            (wallNanos % 2 == 0 ? first : second).add(wallNanos, 2, 3, wallNanos % 10 == 0);
            all.add(wallNanos, 2, 3, wallNanos % 10 == 0);
        }
        IntervalStats merged = new IntervalStats();

        merged.mergeFrom(first);
        merged.mergeFrom(second);

        assertThat(merged.count()).isEqualTo(1_000);
        assertThat(merged.errors()).isEqualTo(100);
        assertThat(merged.sumWallNanos()).isEqualTo(500_500);
        assertThat(merged.minWallNanos()).isEqualTo(1);
        assertThat(merged.maxWallNanos()).isEqualTo(1_000);
        assertThat(merged.cpuNanos()).isEqualTo(2_000);
        assertThat(merged.allocatedBytes()).isEqualTo(3_000);
        assertThat(Sketches.encode(merged.latencySketch()))
                .isEqualTo(Sketches.encode(all.latencySketch()));
    }

    @Test
    void shouldBeEmptyAfterReset() {
        IntervalStats stats = new IntervalStats();
        stats.add(10, 5, 5, true);

        stats.reset();

        assertThat(stats.count()).isZero();
        assertThat(stats.errors()).isZero();
        assertThat(stats.sumWallNanos()).isZero();
        assertThat(stats.minWallNanos()).isZero();
        assertThat(stats.resourceMeasured()).isZero();
        assertThat(stats.latencySketch().isEmpty()).isTrue();
    }
}
