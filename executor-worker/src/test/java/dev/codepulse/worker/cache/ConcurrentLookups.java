package dev.codepulse.worker.cache;

import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.ExecutionReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs identical lookups on several threads with a computation that blocks until every thread is
 * blocked too, so that all lookups are in flight together when the result appears.
 */
final class ConcurrentLookups {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger computations = new AtomicInteger();
    private final Queue<CacheResult> results = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /**
     * Runs {@code threads} lookups, the i-th on {@code caches.apply(i)}, each computing {@code
     * report} when it has to; returns once all have returned.
     */
    List<CacheResult> run(
            int threads,
            Function<Integer, ResultCache> caches,
            CacheKey key,
            ExecutionReport report)
            throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ResultCache cache = caches.apply(i);
            Thread thread = new Thread(() -> lookup(cache, key, report), "lookup-" + i);
            started.add(thread);
            thread.start();
        }
        // Threads wait in the computation, in a join on the in-flight computation, or in the
        // poll interval of a lock wait: all of them WAITING or TIMED_WAITING.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> computations.get() >= 1 && allBlocked(started));
        release.countDown();
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("A lookup failed", failures.peek());
        }
        return new ArrayList<>(results);
    }

    /** Returns how many times the computation ran. */
    int computations() {
        return computations.get();
    }

    private void lookup(ResultCache cache, CacheKey key, ExecutionReport report) {
        try {
            results.add(
                    cache.lookupOrCompute(
                            key,
                            () -> {
                                computations.incrementAndGet();
                                awaitRelease();
                                return report;
                            }));
        } catch (RuntimeException | Error e) {
            failures.add(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean allBlocked(List<Thread> threads) {
        for (Thread thread : threads) {
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }
}
