package dev.codepulse.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.profiler.internals.ThreadResources;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfilerTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Profiler> started = new ArrayList<>();

    @AfterEach
    void closeProfilers() {
        started.forEach(Profiler::close);
    }

    @Test
    void shouldPublishOneSamplePerFunction() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer poll = profiler.timer("worker.poll");
        FunctionTimer decode = profiler.timer("worker.decode");

        for (int i = 0; i < 3; i++) {
            poll.start().close();
        }
        decode.start().close();
        profiler.flush();
        poll.start().close();
        profiler.flush();

        List<ProducerRecord<String, FunctionSample>> records = producer.history();
        assertThat(records)
                .extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder("worker.poll", "worker.decode", "worker.poll");
        assertThat(records).extracting(ProducerRecord::topic).containsOnly("test.function-samples");
        assertThat(records)
                .extracting(record -> record.value().getCount())
                .containsExactlyInAnyOrder(3L, 1L, 1L);
        assertThat(records)
                .extracting(record -> record.value().getInstance())
                .containsOnly("test-1");
    }

    @Test
    void shouldStartNextIntervalWhereLastEnded() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer timer = profiler.timer("worker.poll");

        timer.start().close();
        profiler.flush();
        timer.start().close();
        profiler.flush();

        FunctionSample first = producer.history().get(0).value();
        FunctionSample second = producer.history().get(1).value();
        assertThat(first.getIntervalEnd()).isAfterOrEqualTo(first.getIntervalStart());
        assertThat(second.getIntervalStart()).isEqualTo(first.getIntervalEnd());
    }

    @Test
    void shouldCountThrownExceptionsAsErrors() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer judge = profiler.timer("worker.judge");

        assertThatThrownBy(() -> judge.run(() -> Integer.parseInt("x")))
                .isInstanceOf(NumberFormatException.class);
        int parsed = judge.call(() -> Integer.parseInt("42"));
        try (Span span = judge.start()) {
            span.markError();
        }
        profiler.flush();

        FunctionSample sample = producer.history().get(0).value();
        assertThat(parsed).isEqualTo(42);
        assertThat(sample.getCount()).isEqualTo(3);
        assertThat(sample.getErrors()).isEqualTo(2);
    }

    @Test
    void shouldMergeThreadsIntoOneSample() throws InterruptedException {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer timer = profiler.timer("worker.cache.lookup");
        long[][] durations = new long[4][];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < durations.length; t++) {
            SplittableRandom random = new SplittableRandom(t);
            long[] values = random.longs(20_000, 1_000, 5_000_000).toArray();
            durations[t] = values;
            threads.add(
                    new Thread(() -> Arrays.stream(values).forEach(v -> timer.record(v, false))));
        }

        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        profiler.flush();

        long[] all = Arrays.stream(durations).flatMapToLong(Arrays::stream).sorted().toArray();
        FunctionSample sample = producer.history().get(0).value();
        DDSketch sketch = Sketches.decode(sample.getLatencySketch());
        assertThat(producer.history()).hasSize(1);
        assertThat(sample.getCount()).isEqualTo(all.length);
        assertThat(sample.getSumWallNanos()).isEqualTo(Arrays.stream(all).sum());
        assertThat(sample.getMinWallNanos()).isEqualTo(all[0]);
        assertThat(sample.getMaxWallNanos()).isEqualTo(all[all.length - 1]);
        assertThat(sketch.getCount()).isEqualTo(all.length);
        for (double quantile : new double[] {0.5, 0.9, 0.99}) {
            double expected = all[(int) (quantile * (all.length - 1))];
            assertThat(sketch.getValueAtQuantile(quantile))
                    .as("p%s", quantile * 100)
                    .isBetween(expected * 0.99, expected * 1.01);
        }
    }

    @Test
    void shouldDropSamplesWhenBufferIsFull() {
        MockProducer<String, FunctionSample> producer = mockProducer(false);
        Profiler profiler = start(producer, Map.of(ProfilerConfig.BUFFER_MAX_SAMPLES_CONFIG, "2"));
        for (int i = 0; i < 5; i++) {
            profiler.timer("f" + i).start().close();
        }

        try (LogCapture logs = LogCapture.start("dev.codepulse.profiler")) {
            profiler.flush();
            producer.completeNext();
            producer.completeNext();

            assertThat(producer.history()).hasSize(2);
            assertThat(counter("codepulse.profiler.samples.dropped", "buffer-full")).isEqualTo(3);
            assertThat(counter("codepulse.profiler.samples.flushed", null)).isEqualTo(2);
            assertThat(logs.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("lostSamples=3", "bufferFull=3", "published=2");
        }
    }

    @Test
    void shouldLogLostCountOncePerInterval() {
        MockProducer<String, FunctionSample> producer = mockProducer(false);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer poll = profiler.timer("worker.poll");
        FunctionTimer judge = profiler.timer("worker.judge");

        try (LogCapture logs = LogCapture.start("dev.codepulse.profiler")) {
            for (int interval = 0; interval < 2; interval++) {
                poll.start().close();
                judge.start().close();
                profiler.flush();
                producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
                producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
            }

            assertThat(logs.messages(Level.WARN))
                    .hasSize(2)
                    .allSatisfy(
                            line ->
                                    assertThat(line)
                                            .contains("lostSamples=2", "Expiring 1 record(s)"));
            assertThat(counter("codepulse.profiler.flush.failures", null)).isEqualTo(2);
            assertThat(counter("codepulse.profiler.samples.dropped", "publish-failed"))
                    .isEqualTo(4);
        }
    }

    @Test
    void shouldStopIntervalAfterRejectedSend() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        producer.sendException = new TimeoutException("Topic not present in metadata");
        Profiler profiler = start(producer, Map.of());
        for (int i = 0; i < 3; i++) {
            profiler.timer("f" + i).start().close();
        }

        try (LogCapture logs = LogCapture.start("dev.codepulse.profiler")) {
            profiler.flush();

            assertThat(logs.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("lostSamples=3", "publishFailed=3", "not present in metadata");
        }
    }

    @Test
    void shouldPublishLastPartialIntervalOnClose() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer timer = profiler.timer("worker.publish");
        timer.start().close();
        timer.start().close();

        profiler.close();

        assertThat(producer.history())
                .singleElement()
                .satisfies(record -> assertThat(record.value().getCount()).isEqualTo(2));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void shouldFlushOnIntervalWithoutBeingAsked() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of(ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG, "50"));

        profiler.timer("worker.poll").start().close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !producer.history().isEmpty());
        assertThat(producer.history().get(0).value().getCount()).isEqualTo(1);
    }

    @Test
    void shouldDisableTimersBeyondMaxFunctions() {
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of(ProfilerConfig.MAX_FUNCTIONS_CONFIG, "2"));
        profiler.timer("a").start().close();
        profiler.timer("b").start().close();

        FunctionTimer rejected = profiler.timer("c");
        rejected.start().close();
        profiler.flush();

        assertThat(rejected.function()).isEqualTo("c");
        assertThat(producer.history())
                .extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(meters.get("codepulse.profiler.functions.rejected").functionCounter().count())
                .isEqualTo(1);
        assertThat(meters.get("codepulse.profiler.functions.tracked").gauge().value()).isEqualTo(2);
    }

    @Test
    void shouldReturnSameTimerForSameFunction() {
        Profiler profiler = start(mockProducer(true), Map.of());

        FunctionTimer first = profiler.timer("worker.run.python", TimingMode.FULL);
        FunctionTimer second = profiler.timer("worker.run.python", TimingMode.FULL);

        assertThat(second).isSameAs(first);
    }

    @Test
    void shouldRejectSecondModeForFunction() {
        Profiler profiler = start(mockProducer(true), Map.of());
        profiler.timer("worker.run.python", TimingMode.FULL);

        assertThatThrownBy(() -> profiler.timer("worker.run.python", TimingMode.SAMPLED))
                .isInstanceOf(InvalidTimerException.class)
                .hasMessageContaining("worker.run.python")
                .hasMessageContaining("FULL");
    }

    @Test
    void shouldRejectBlankFunctionName() {
        Profiler profiler = start(mockProducer(true), Map.of());

        assertThatThrownBy(() -> profiler.timer(" "))
                .isInstanceOf(InvalidTimerException.class)
                .hasMessageContaining("1 to 255 characters");
    }

    @Test
    void shouldMeasureAllocationInFullMode() {
        assumeThat(ThreadResources.supported()).isTrue();
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer timer = profiler.timer("test.allocate", TimingMode.FULL);
        List<byte[]> kept = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            try (Span span = timer.start()) {
                kept.add(new byte[10_000]);
            }
        }
        profiler.flush();

        FunctionSample sample = producer.history().get(0).value();
        assertThat(kept).hasSize(100);
        assertThat(sample.getAllocatedBytes()).isBetween(100 * 10_000L, 100 * 12_000L);
    }

    @Test
    void shouldMeasureCpuTimeInFullMode() {
        assumeThat(ThreadResources.supported()).isTrue();
        MockProducer<String, FunctionSample> producer = mockProducer(true);
        Profiler profiler = start(producer, Map.of());
        FunctionTimer timer = profiler.timer("test.spin", TimingMode.FULL);

        for (int i = 0; i < 20; i++) {
            try (Span span = timer.start()) {
                spin(Duration.ofMillis(2));
            }
        }
        profiler.flush();

        FunctionSample sample = producer.history().get(0).value();
        assertThat(sample.getCpuNanos()).isPositive();
        // Both clocks tick in nanoseconds, but the wall reads sit inside the CPU reads.
        assertThat(sample.getCpuNanos())
                .isLessThanOrEqualTo(sample.getSumWallNanos() + 20 * 100_000L);
    }

    private static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private Profiler start(
            MockProducer<String, FunctionSample> producer, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put(ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG, "3600000");
        config.put(ProfilerConfig.TOPIC_PREFIX_CONFIG, "test.");
        config.put(ProfilerConfig.INSTANCE_ID_CONFIG, "test-1");
        config.putAll(extra);
        Profiler profiler = Profiler.start(config, producer, meters);
        started.add(profiler);
        return profiler;
    }

    private double counter(String name, String reason) {
        return reason == null
                ? meters.get(name).counter().count()
                : meters.get(name).tag("reason", reason).counter().count();
    }

    private static MockProducer<String, FunctionSample> mockProducer(boolean autoComplete) {
        return new MockProducer<>(
                autoComplete,
                null,
                new StringSerializer(),
                Topics.FUNCTION_SAMPLES.valueSerde(EventSerdes.singleObject()).serializer());
    }
}
