package dev.codepulse.profiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import dev.codepulse.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ProfilerKafkaIT {
    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 250_000;
    private static final long TOTAL_CALLS = (long) THREADS * CALLS_PER_THREAD;
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    @Test
    void shouldPublishExactTotalsOfConcurrentCalls() throws Exception {
        String prefix = TestKafka.uniquePrefix("profiler-it");
        String topic = prefix + "function-samples";
        SampleReader.createTopic(TestKafka.bootstrapServers(), topic);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Profiler profiler =
                Profiler.start(
                        Map.of(
                                ProfilerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                TestKafka.bootstrapServers(),
                                ProfilerConfig.TOPIC_PREFIX_CONFIG,
                                prefix,
                                ProfilerConfig.INSTANCE_ID_CONFIG,
                                "profiler-it",
                                ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG,
                                "50"),
                        meters);
        Counter flushed = meters.get("codepulse.profiler.samples.flushed").counter();
        Counter bufferFull =
                meters.get("codepulse.profiler.samples.dropped")
                        .tag("reason", "buffer-full")
                        .counter();
        Counter publishFailed =
                meters.get("codepulse.profiler.samples.dropped")
                        .tag("reason", "publish-failed")
                        .counter();
        Workload workload = new Workload(profiler);

        workload.runWhileFlushing(profiler);
        profiler.close();

        List<FunctionSample> samples =
                SampleReader.readAll(TestKafka.bootstrapServers(), topic, (long) flushed.count());
        assertThat(samples).hasSize((int) flushed.count());
        assertThat(bufferFull.count()).isZero();
        assertThat(publishFailed.count()).isZero();
        assertThat(samples).extracting(FunctionSample::getInstance).containsOnly("profiler-it");
        assertRecordedTotals(of(samples, "it.recorded"), workload.sortedDurations());
        assertTimedTotals(of(samples, "it.timed"), workload);
    }

    private static void assertRecordedTotals(List<FunctionSample> samples, long[] durations) {
        DDSketch sketch = mergedSketch(samples);
        assertThat(samples).as("intervals").hasSizeGreaterThanOrEqualTo(2);
        assertThat(sum(samples, FunctionSample::getCount)).isEqualTo(TOTAL_CALLS);
        assertThat(sum(samples, FunctionSample::getErrors)).isEqualTo(TOTAL_CALLS / 8);
        assertThat(sum(samples, FunctionSample::getSumWallNanos))
                .isEqualTo(Arrays.stream(durations).sum());
        assertThat(samples.stream().mapToLong(FunctionSample::getMinWallNanos).min().orElseThrow())
                .isEqualTo(durations[0]);
        assertThat(samples.stream().mapToLong(FunctionSample::getMaxWallNanos).max().orElseThrow())
                .isEqualTo(durations[durations.length - 1]);
        assertThat(sketch.getCount()).isEqualTo(TOTAL_CALLS);
        for (double quantile : QUANTILES) {
            double expected = durations[(int) (quantile * (durations.length - 1))];
            assertThat(sketch.getValueAtQuantile(quantile))
                    .as("quantile %s", quantile)
                    .isBetween(
                            expected * (1 - Sketches.RELATIVE_ACCURACY),
                            expected * (1 + Sketches.RELATIVE_ACCURACY));
        }
        assertIntervalsDoNotOverlap(samples);
    }

    // The test cannot see the profiler's clock reads, but each of them lies inside the test's own
    // reads around the span, so every inner duration is at most the outer one.
    private static void assertTimedTotals(List<FunctionSample> samples, Workload workload) {
        long[] outer = workload.sortedOuterDurations();
        DDSketch sketch = mergedSketch(samples);
        assertThat(sum(samples, FunctionSample::getCount)).isEqualTo(TOTAL_CALLS);
        assertThat(sum(samples, FunctionSample::getErrors)).isEqualTo(TOTAL_CALLS / 10);
        assertThat(sum(samples, FunctionSample::getSumWallNanos))
                .isBetween(1L, Arrays.stream(outer).sum());
        assertThat(samples.stream().mapToLong(FunctionSample::getMaxWallNanos).max().orElseThrow())
                .isLessThanOrEqualTo(outer[outer.length - 1]);
        assertThat(sketch.getCount()).isEqualTo(TOTAL_CALLS);
        for (double quantile : QUANTILES) {
            double outerQuantile = outer[(int) (quantile * (outer.length - 1))];
            assertThat(sketch.getValueAtQuantile(quantile))
                    .as("quantile %s", quantile)
                    .isLessThanOrEqualTo(outerQuantile * (1 + Sketches.RELATIVE_ACCURACY));
        }
        assertIntervalsDoNotOverlap(samples);
    }

    private static void assertIntervalsDoNotOverlap(List<FunctionSample> samples) {
        List<FunctionSample> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparing(FunctionSample::getIntervalStart));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).getIntervalStart())
                    .isAfterOrEqualTo(ordered.get(i - 1).getIntervalEnd());
        }
    }

    private static List<FunctionSample> of(List<FunctionSample> samples, String function) {
        return samples.stream().filter(sample -> sample.getFunction().equals(function)).toList();
    }

    private static long sum(
            List<FunctionSample> samples, java.util.function.ToLongFunction<FunctionSample> field) {
        return samples.stream().mapToLong(field).sum();
    }

    private static DDSketch mergedSketch(List<FunctionSample> samples) {
        DDSketch merged = Sketches.newSketch();
        for (FunctionSample sample : samples) {
            Sketches.mergeEncoded(merged, Sketches.toArray(sample.getLatencySketch()));
        }
        return merged;
    }

    /**
     * Four threads that each record known durations with {@code it.recorded} and time empty spans
     * with {@code it.timed}, pausing halfway until the main thread has flushed once, so the calls
     * span at least two intervals.
     */
    private static final class Workload {
        private final FunctionTimer recorded;
        private final FunctionTimer timed;
        private final long[][] durations = new long[THREADS][];
        private final long[][] outerDurations = new long[THREADS][CALLS_PER_THREAD];
        private final CountDownLatch halfway = new CountDownLatch(THREADS);
        private final CountDownLatch resume = new CountDownLatch(1);

        Workload(Profiler profiler) {
            recorded = profiler.timer("it.recorded", TimingMode.WALL);
            timed = profiler.timer("it.timed", TimingMode.WALL);
            for (int t = 0; t < THREADS; t++) {
                // Log-uniform from 1 µs to 100 ms, like the phases of a worker.
                durations[t] =
                        new SplittableRandom(t)
                                .doubles(CALLS_PER_THREAD, Math.log(1_000), Math.log(1e8))
                                .mapToLong(logNanos -> (long) Math.exp(logNanos))
                                .toArray();
            }
        }

        void runWhileFlushing(Profiler profiler) throws InterruptedException {
            AtomicBoolean done = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> callAll(thread)));
            }
            threads.forEach(Thread::start);
            halfway.await();
            profiler.flush();
            resume.countDown();
            Thread watcher =
                    new Thread(
                            () -> {
                                while (!done.get()) {
                                    profiler.flush();
                                    LockSupport.parkNanos(1_000_000);
                                }
                            });
            watcher.start();
            for (Thread thread : threads) {
                thread.join();
            }
            done.set(true);
            watcher.join();
        }

        private void callAll(int thread) {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                if (i == CALLS_PER_THREAD / 2) {
                    halfway.countDown();
                    awaitResume();
                }
                recorded.record(durations[thread][i], i % 8 == 0);
                long before = System.nanoTime();
                try (Span span = timed.start()) {
                    if (i % 10 == 0) {
                        span.markError();
                    }
                }
                outerDurations[thread][i] = System.nanoTime() - before;
            }
        }

        private void awaitResume() {
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to resume", e);
            }
        }

        long[] sortedDurations() {
            return Arrays.stream(durations).flatMapToLong(Arrays::stream).sorted().toArray();
        }

        long[] sortedOuterDurations() {
            return Arrays.stream(outerDurations).flatMapToLong(Arrays::stream).sorted().toArray();
        }
    }
}
