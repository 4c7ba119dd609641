package dev.codepulse.worker.cache.internals;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.codepulse.testsupport.LogCapture;
import dev.codepulse.worker.cache.BreakerState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Duration OPEN = Duration.ofSeconds(5);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> transitions = new ArrayList<>();
    private final CircuitBreaker breaker =
            new CircuitBreaker(
                    "redis://test:6379/0",
                    3,
                    OPEN,
                    clock::get,
                    (from, to) -> transitions.add(from + "->" + to));

    @Test
    void shouldStayClosedBelowThreshold() {
        fail(2);

        boolean permitted = breaker.tryAcquire();

        assertThat(permitted).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void shouldOpenAtThreshold() {
        fail(3);

        boolean permitted = breaker.tryAcquire();

        assertThat(permitted).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void shouldCountOnlyConsecutiveFailures() {
        fail(2);
        breaker.onSuccess();
        fail(2);

        BreakerState state = breaker.state();

        assertThat(state).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void shouldRefuseUntilOpenDurationPasses() {
        fail(3);
        advance(OPEN.minusMillis(1));

        boolean permitted = breaker.tryAcquire();

        assertThat(permitted).isFalse();
    }

    @Test
    void shouldPermitOneProbeAfterOpenDuration() {
        fail(3);
        advance(OPEN);

        boolean probe = breaker.tryAcquire();
        boolean second = breaker.tryAcquire();

        assertThat(probe).isTrue();
        assertThat(second).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void shouldCloseWhenProbeSucceeds() {
        fail(3);
        advance(OPEN);
        breaker.tryAcquire();

        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(transitions)
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void shouldReopenWhenProbeFails() {
        fail(3);
        advance(OPEN);
        breaker.tryAcquire();

        breaker.onFailure(new IOException("refused"));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        advance(OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void shouldPermitAnotherProbeWhenOneIsLost() {
        fail(3);
        advance(OPEN);
        breaker.tryAcquire();
        advance(OPEN);

        boolean permitted = breaker.tryAcquire();

        assertThat(permitted).isTrue();
    }

    @Test
    void shouldLogEachChangeOnce() {
        try (LogCapture capture = LogCapture.start(CircuitBreaker.class)) {
            fail(10);
            advance(OPEN);
            breaker.tryAcquire();
            breaker.onSuccess();
            breaker.onSuccess();

            assertThat(capture.messages(Level.WARN)).hasSize(1);
            assertThat(capture.messages(Level.WARN).get(0))
                    .contains("opened")
                    .contains("redis://test:6379/0");
            assertThat(capture.messages(Level.INFO)).hasSize(1);
            assertThat(capture.messages(Level.INFO).get(0)).contains("closed");
        }
    }

    @Test
    void shouldIgnoreFailuresWhileOpen() {
        fail(3);
        advance(OPEN.minusMillis(10));

        fail(5);
        advance(Duration.ofMillis(10));

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure(new IOException("connection refused"));
        }
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }
}
