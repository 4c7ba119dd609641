package dev.codepulse.profiler.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import dev.codepulse.schemas.Sketches;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyIndexTest {
    private static final IndexMapping MAPPING = Sketches.newSketch().getIndexMapping();

    @Test
    void shouldMatchMappingUpToFourMillion() {
        int mismatches = 0;

        for (long value = 1; value <= 4_000_000; value++) {
            if (LatencyIndex.index(value) != MAPPING.index(value)) {
                mismatches++;
            }
        }

        assertThat(mismatches).isZero();
    }

    @Test
    void shouldMatchMappingAtEverySubBucketEdge() {
        int mismatches = 0;

        for (int exponent = 10; exponent <= 62; exponent++) {
            long width = 1L << (exponent - 10);
            for (long lowest = 1L << exponent;
                    lowest > 0 && lowest < (1L << exponent) * 2 - 1;
                    lowest += width) {
                for (long value : new long[] {lowest, lowest + width - 1}) {
                    if (LatencyIndex.index(value) != MAPPING.index(value)) {
                        mismatches++;
                    }
                }
            }
        }

        assertThat(mismatches).isZero();
    }

    @Test
    void shouldMatchMappingForRandomValues() {
        SplittableRandom random = new SplittableRandom(42);
        int mismatches = 0;

        for (int i = 0; i < 2_000_000; i++) {
            long value = random.nextLong(1, Long.MAX_VALUE) >>> random.nextInt(63);
            if (value > 0 && LatencyIndex.index(value) != MAPPING.index(value)) {
                mismatches++;
            }
        }

        assertThat(mismatches).isZero();
    }
}
