package dev.codepulse.streams.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.Distribution;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionAccumulatorTest {
    @Test
    void shouldRoundTripBaseAndPendingValues() {
        DistributionAccumulator accumulator = new DistributionAccumulator();
        Random random = new Random(3);
        for (int i = 0; i < DistributionAccumulator.PENDING_LIMIT * 3 + 17; i++) {
            accumulator.add(random.nextInt(5_000));
        }
        accumulator.add(12.345);
        accumulator.add(0);
        accumulator.add(1L << 60);

        DistributionAccumulator copy = roundTrip(accumulator);

        assertThat(copy.toDistribution()).isEqualTo(accumulator.toDistribution());
        assertThat(copy.count()).isEqualTo(accumulator.count());
    }

    @Test
    void shouldMatchLiveSketchAfterMerge() {
        DistributionAccumulator first = new DistributionAccumulator();
        DistributionAccumulator second = new DistributionAccumulator();
        DistributionAccumulator all = new DistributionAccumulator();
        for (int i = 1; i <= 500; i++) {
            (i % 2 == 0 ? first : second).add(i);
            all.add(i);
        }

        first.merge(roundTrip(second));

        Distribution merged = roundTrip(first).toDistribution();
        Distribution expected = all.toDistribution();
        assertThat(merged.getCount()).isEqualTo(500);
        assertThat(merged.getSum()).isEqualTo(expected.getSum());
        assertThat(merged.getP50()).isEqualTo(expected.getP50());
        assertThat(merged.getP99()).isEqualTo(expected.getP99());
        assertThat(merged.getMin()).isEqualTo(1.0);
        assertThat(merged.getMax()).isEqualTo(500.0);
    }

    @Test
    void shouldWriteWholeNumbersCompactly() {
        DistributionAccumulator accumulator = new DistributionAccumulator();

        accumulator.add(20);

        assertThat(accumulator.serializedSize()).isLessThan(60);
    }

    private static DistributionAccumulator roundTrip(DistributionAccumulator accumulator) {
        ByteBuffer buffer = ByteBuffer.allocate(accumulator.serializedSize());
        accumulator.writeTo(buffer);
        assertThat(buffer.remaining()).isZero();
        buffer.flip();
        return DistributionAccumulator.readFrom(buffer);
    }
}
