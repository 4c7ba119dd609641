package dev.codepulse.profiler.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StripedTimerTest {
    private static final TimerSettings WALL = TimerSettings.of(TimingMode.WALL, 16, 1_024, true);

    @Test
    void shouldKeepCallsDuringConcurrentCollect() throws InterruptedException {
        StripedTimer timer = new StripedTimer("f", WALL);
        int threads = 4;
        int callsPerThread = 250_000;
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker =
                    new Thread(
                            () -> {
                                for (int i = 0; i < callsPerThread; i++) {
                                    timer.record(i % 1_000, i % 10 == 0);
                                }
                                done.countDown();
                            });
            workers.add(worker);
            worker.start();
        }
        long count = 0;
        long errors = 0;
        long sumWallNanos = 0;
        int collections = 0;

        while (done.getCount() > 0) {
            IntervalStats stats = timer.collect();
            count += stats.count();
            errors += stats.errors();
            sumWallNanos += stats.sumWallNanos();
            collections++;
        }
        for (Thread worker : workers) {
            worker.join();
        }
        IntervalStats last = timer.collect();
        count += last.count();
        errors += last.errors();
        sumWallNanos += last.sumWallNanos();

        assertThat(collections).isPositive();
        assertThat(count).isEqualTo((long) threads * callsPerThread);
        assertThat(errors).isEqualTo((long) threads * callsPerThread / 10);
        assertThat(sumWallNanos).isEqualTo(threads * 250L * 499_500);
        assertThat(timer.threadCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = TimingMode.class,
            names = {"WALL", "SAMPLED"})
    void shouldCountSpansDuringConcurrentCollect(TimingMode mode) throws InterruptedException {
        StripedTimer timer = new StripedTimer("f", TimerSettings.of(mode, 16, 1_024, true));
        int threads = 4;
        int callsPerThread = 250_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(
                            () -> {
                                for (int i = 0; i < callsPerThread; i++) {
                                    try (Span span = timer.start()) {
                                        if (i % 10 == 0) {
                                            span.markError();
                                        }
                                    }
                                }
                                done.countDown();
                            })
                    .start();
        }
        long count = 0;
        long errors = 0;

        while (done.getCount() > 0) {
            IntervalStats stats = timer.collect();
            count += stats.count();
            errors += stats.errors();
        }
        IntervalStats last = timer.collect();
        count += last.count();
        errors += last.errors();

        assertThat(count).isEqualTo((long) threads * callsPerThread);
        assertThat(errors).isEqualTo((long) threads * callsPerThread / 10);
    }

    @Test
    void shouldRethrowAndCountException() {
        StripedTimer timer = new StripedTimer("f", WALL);

        assertThatThrownBy(
                        () ->
                                timer.run(
                                        () -> {
                                            throw new IOException("disk full");
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
        String result = timer.call(() -> "ok");

        IntervalStats stats = timer.collect();
        assertThat(result).isEqualTo("ok");
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.errors()).isEqualTo(1);
    }

    @Test
    void shouldRejectNegativeWallTime() {
        StripedTimer timer = new StripedTimer("worker.poll", WALL);

        assertThatThrownBy(() -> timer.record(-1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining("worker.poll");
    }
}
