package dev.codepulse.profiler.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;
import org.junit.jupiter.api.Test;

class ThreadRecorderTest {
    private static final TimerSettings WALL = TimerSettings.of(TimingMode.WALL, 16, 1_024, true);

    @Test
    void shouldRecordNestedSpansAsSeparateCalls() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), WALL);

        Span outer = recorder.begin();
        Span inner = recorder.begin();
        inner.close();
        outer.close();

        IntervalStats drained = drain(recorder);
        assertThat(drained.count()).isEqualTo(2);
        assertThat(drained.wallMeasured()).isEqualTo(2);
        assertThat(drained.maxWallNanos()).isGreaterThanOrEqualTo(drained.minWallNanos());
    }

    @Test
    void shouldMarkOnlyInnermostOpenSpanAsError() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), WALL);

        Span outer = recorder.begin();
        Span inner = recorder.begin();
        inner.markError();
        inner.close();
        outer.close();

        assertThat(drain(recorder).errors()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreCloseWithoutOpenSpan() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), WALL);
        Span span = recorder.begin();
        span.close();

        span.close();
        span.markError();

        IntervalStats drained = drain(recorder);
        assertThat(drained.count()).isEqualTo(1);
        assertThat(drained.errors()).isZero();
    }

    @Test
    void shouldNestDeeperThanInitialFrames() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), WALL);

        for (int i = 0; i < 100; i++) {
            recorder.begin();
        }
        for (int i = 0; i < 100; i++) {
            recorder.close();
        }

        assertThat(drain(recorder).count()).isEqualTo(100);
    }

    @Test
    void shouldRecordCallsAfterDrainInNextInterval() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), WALL);
        recorder.begin().close();
        drain(recorder);

        recorder.begin().close();
        recorder.begin().close();

        assertThat(drain(recorder).count()).isEqualTo(2);
        assertThat(drain(recorder).count()).isZero();
    }

    @Test
    void shouldSampleFirstCallOfInterval() {
        TimerSettings sampled = TimerSettings.of(TimingMode.SAMPLED, 1_000, 1_000, true);
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), sampled);
        for (int i = 0; i < 5; i++) {
            recorder.begin().close();
        }
        IntervalStats first = drain(recorder);

        for (int i = 0; i < 5; i++) {
            recorder.begin().close();
        }
        IntervalStats second = drain(recorder);

        assertThat(first.count()).isEqualTo(5);
        assertThat(first.wallMeasured()).isEqualTo(1);
        assertThat(first.resourceMeasured()).isEqualTo(1);
        assertThat(second.count()).isEqualTo(5);
        assertThat(second.wallMeasured()).isEqualTo(1);
    }

    @Test
    void shouldSampleOneCallPerPeriod() {
        TimerSettings sampled = TimerSettings.of(TimingMode.SAMPLED, 4, 8, true);
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), sampled);

        for (int i = 0; i < 64; i++) {
            recorder.begin().close();
        }

        IntervalStats drained = drain(recorder);
        assertThat(drained.count()).isEqualTo(64);
        assertThat(drained.wallMeasured()).isEqualTo(16);
        assertThat(drained.resourceMeasured()).isEqualTo(8);
    }

    @Test
    void shouldCountUnmeasuredCallsAndErrors() {
        TimerSettings sampled = TimerSettings.of(TimingMode.SAMPLED, 1_000, 1_000, true);
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), sampled);
        for (int i = 0; i < 10; i++) {
            Span span = recorder.begin();
            if (i % 3 == 0) {
                span.markError();
            }
            span.close();
        }
        IntervalStats first = drain(recorder);

        recorder.begin().close();
        Span failed = recorder.begin();
        failed.markError();
        failed.close();
        IntervalStats second = drain(recorder);

        assertThat(first.count()).isEqualTo(10);
        assertThat(first.errors()).isEqualTo(4);
        assertThat(first.wallMeasured()).isEqualTo(1);
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.errors()).isEqualTo(1);
    }

    @Test
    void shouldNeverMeasureResourcesWhenUnsupported() {
        TimerSettings unsupported = TimerSettings.of(TimingMode.FULL, 16, 1_024, false);
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), unsupported);

        recorder.begin().close();

        IntervalStats drained = drain(recorder);
        assertThat(drained.wallMeasured()).isEqualTo(1);
        assertThat(drained.resourceMeasured()).isZero();
    }

    @Test
    void shouldDrainEndedThreadForGood() throws InterruptedException {
        ThreadRecorder[] recorder = new ThreadRecorder[1];
        Thread thread =
                new Thread(
                        () -> {
                            recorder[0] = new ThreadRecorder(Thread.currentThread(), WALL);
                            recorder[0].begin().close();
                        });
        thread.start();
        thread.join();
        IntervalStats total = new IntervalStats();

        boolean ended = recorder[0].drainInto(total);

        assertThat(ended).isTrue();
        assertThat(total.count()).isEqualTo(1);
    }

    private static IntervalStats drain(ThreadRecorder recorder) {
        IntervalStats total = new IntervalStats();
        recorder.drainInto(total);
        return total;
    }
}
