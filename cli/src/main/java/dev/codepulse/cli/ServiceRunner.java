package dev.codepulse.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a started service until the JVM is asked to stop or the service ends, then closes it. */
final class ServiceRunner {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    private static final long CHECK_INTERVAL_MS = 500;

    private ServiceRunner() {}

    /**
     * Blocks until SIGINT or SIGTERM, or until {@code running} turns false, then closes the
     * service.
     *
     * @return 0 after a requested stop, 1 when the service ended by itself
     */
    static int runUntilStopped(String name, AutoCloseable service, BooleanSupplier running) {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    requested.countDown();
                                    awaitQuietly(closed);
                                },
                                name + "-stop"));
        try {
            while (running.getAsBoolean()
                    && !requested.await(CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
                // Wait for a stop request or the end of the service.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopRequested = requested.getCount() == 0;
        if (!stopRequested) {
            log.error("The {} service stopped by itself; see the errors above", name);
        }
        try {
            service.close();
        } catch (Exception e) {
            log.warn("Failed to stop the {} service cleanly", name, e);
        } finally {
            closed.countDown();
        }
        return stopRequested ? 0 : 1;
    }

    // The shutdown hook waits for the close, so the JVM does not exit in the middle of it.
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
