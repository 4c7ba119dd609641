package dev.codepulse.streams;

import static dev.codepulse.streams.TopologyFixture.GRACE_MS;
import static dev.codepulse.streams.TopologyFixture.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.Sketches;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionWindowsTest {
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
    void shouldMergeSketchesOfEveryInstance() {
        fixture.sample(Events.sample("judge", "w1", 0, 10_000, 100, 200, 300), 10_001);
        fixture.sample(Events.sample("judge", "w2", 0, 10_000, 1_000, 2_000), 10_002);
        fixture.sample(Events.sample("judge", "w1", 10_000, 20_000, 50_000), 20_001);

        fixture.sample(Events.sample("closer", "w1", 60_000, 70_000, 1), WINDOW_MS + GRACE_MS);

        FunctionStats stats = judge(fixture.functionStats.readValuesToList());
        assertThat(stats.getWindowStart()).isEqualTo(Instant.EPOCH);
        assertThat(stats.getCount()).isEqualTo(6);
        assertThat(stats.getSampleCount()).isEqualTo(3);
        assertThat(stats.getInstances()).containsExactly("w1", "w2");
        assertThat(stats.getCpuNanos()).isEqualTo(300 + 1_500 + 25_000);
        assertThat(stats.getAllocatedBytes()).isEqualTo(6 * 1_024);
        assertThat(stats.getComplete()).isTrue();
        Distribution wall = stats.getWallNanos();
        assertThat(wall.getCount()).isEqualTo(6);
        assertThat(wall.getSum()).isEqualTo(53_600.0);
        assertThat(wall.getMin()).isEqualTo(100.0);
        assertThat(wall.getMax()).isEqualTo(50_000.0);
        DDSketch merged = Sketches.decode(wall.getSketch());
        assertThat(merged.getCount()).isEqualTo(6.0);
        assertThat(wall.getP50()).isCloseTo(300.0, within(3.0));
        assertThat(wall.getP90()).isCloseTo(2_000.0, within(20.0));
    }

    @Test
    void shouldWindowSampleByLastMillisecondOfInterval() {
        fixture.sample(Events.sample("judge", "w1", 50_000, 60_000, 100), 60_050);
        fixture.sample(Events.sample("judge", "w1", 60_000, 70_000, 100), 70_050);

        fixture.sample(Events.sample("judge", "w1", 130_000, 140_000, 100), 140_050);

        List<FunctionStats> emitted = fixture.functionStats.readValuesToList();
        assertThat(emitted)
                .extracting(FunctionStats::getWindowStart)
                .containsExactly(Instant.EPOCH, Instant.ofEpochMilli(WINDOW_MS));
        assertThat(emitted).extracting(FunctionStats::getCount).containsExactly(1L, 1L);
    }

    private static FunctionStats judge(List<FunctionStats> emitted) {
        List<FunctionStats> judge =
                emitted.stream().filter(stats -> "judge".equals(stats.getFunction())).toList();
        assertThat(judge).hasSize(1);
        return judge.get(0);
    }
}
