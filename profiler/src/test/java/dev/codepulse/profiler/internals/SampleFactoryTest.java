package dev.codepulse.profiler.internals;

import static dev.codepulse.profiler.internals.IntervalStats.NOT_MEASURED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleFactoryTest {

    @Test
    void shouldCopyValuesWhenAllMeasured() {
        IntervalStats stats = new IntervalStats();
        stats.add(100, 10, 64, false);
        stats.add(300, 30, 128, true);

        FunctionSample sample = SampleFactory.toSample("f", "host-1", 1_000, 2_000, stats);

        assertThat(sample.getFunction()).isEqualTo("f");
        assertThat(sample.getInstance()).isEqualTo("host-1");
        assertThat(sample.getIntervalStart()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(sample.getIntervalEnd()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(sample.getCount()).isEqualTo(2);
        assertThat(sample.getErrors()).isEqualTo(1);
        assertThat(sample.getSumWallNanos()).isEqualTo(400);
        assertThat(sample.getMinWallNanos()).isEqualTo(100);
        assertThat(sample.getMaxWallNanos()).isEqualTo(300);
        assertThat(sample.getCpuNanos()).isEqualTo(40);
        assertThat(sample.getAllocatedBytes()).isEqualTo(192);
        assertThat(Sketches.decode(sample.getLatencySketch()).getCount()).isEqualTo(2.0);
    }

    @Test
    void shouldScaleSampledSumsToCount() {
        IntervalStats stats = new IntervalStats();
        stats.add(100, 1_000, 500, false);
        for (int i = 0; i < 3; i++) {
            stats.add(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, false);
        }

        FunctionSample sample = SampleFactory.toSample("f", "i", 0, 1, stats);

        assertThat(sample.getCount()).isEqualTo(4);
        assertThat(sample.getSumWallNanos()).isEqualTo(400);
        assertThat(sample.getCpuNanos()).isEqualTo(4_000);
        assertThat(sample.getAllocatedBytes()).isEqualTo(2_000);
        assertThat(sample.getMinWallNanos()).isEqualTo(100);
        assertThat(sample.getMaxWallNanos()).isEqualTo(100);
    }

    @Test
    void shouldScaleSketchCountsToCallCount() {
        IntervalStats stats = new IntervalStats();
        stats.add(0, NOT_MEASURED, NOT_MEASURED, false);
        stats.add(1_000, NOT_MEASURED, NOT_MEASURED, false);
        for (int i = 0; i < 8; i++) {
            stats.add(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, false);
        }

        FunctionSample sample = SampleFactory.toSample("f", "i", 0, 1, stats);
        DDSketch sketch = Sketches.decode(sample.getLatencySketch());

        assertThat(sketch.getCount()).isCloseTo(10.0, within(1e-9));
        assertThat(sketch.getValueAtQuantile(0.25)).isZero();
        assertThat(sketch.getValueAtQuantile(0.75)).isCloseTo(1_000.0, within(10.0));
    }

    @Test
    void shouldReportZeroForSumsNeverMeasured() {
        IntervalStats stats = new IntervalStats();
        stats.add(NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, true);

        FunctionSample sample = SampleFactory.toSample("f", "i", 0, 1, stats);

        assertThat(sample.getCount()).isEqualTo(1);
        assertThat(sample.getErrors()).isEqualTo(1);
        assertThat(sample.getSumWallNanos()).isZero();
        assertThat(sample.getCpuNanos()).isZero();
        assertThat(sample.getMinWallNanos()).isZero();
        assertThat(Sketches.decode(sample.getLatencySketch()).isEmpty()).isTrue();
    }
}
