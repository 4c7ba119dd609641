package dev.codepulse.worker.cache.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.worker.cache.CacheConfig;
import dev.codepulse.worker.cache.ResultCache;
import dev.codepulse.worker.cache.TtlUpdate;
import dev.codepulse.worker.cache.internals.TtlActions.Replay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TtlActionsTest {
    private final ResultCache cache =
            ResultCache.create(
                    new CacheConfig(Map.of("cache.summary.interval.ms", "0")),
                    "worker-1",
                    new SimpleMeterRegistry());

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void shouldRecognizeRequestedTtlChange() {
        assertThat(TtlActions.isRequest(action("a1", "python", 120_000, ActionStatus.REQUESTED)))
                .isTrue();
        assertThat(TtlActions.isRequest(action("a1", "python", 120_000, ActionStatus.DRY_RUN)))
                .isFalse();
        assertThat(TtlActions.isRequest(action("a1", "python", 120_000, ActionStatus.APPLIED)))
                .isFalse();
        assertThat(
                        TtlActions.isRequest(
                                OptimizerAction.newBuilder(
                                                action("a1", "python", 1, ActionStatus.REQUESTED))
                                        .setType("slots")
                                        .build()))
                .isFalse();
    }

    @Test
    void shouldApplyRequestWithinBounds() {
        OptimizerAction request = action("a1", "python", 120_000, ActionStatus.REQUESTED);

        TtlUpdate update = TtlActions.apply(request, cache);

        assertThat(update.applied()).isTrue();
        assertThat(cache.ttl("python")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldRejectNegativeTtl() {
        OptimizerAction request = action("a1", "python", -5, ActionStatus.REQUESTED);

        TtlUpdate update = TtlActions.apply(request, cache);

        assertThat(update.applied()).isFalse();
        assertThat(update.reason()).contains("-5 ms");
    }

    @Test
    void shouldRejectUnsupportedParameter() {
        OptimizerAction request =
                OptimizerAction.newBuilder(action("a1", "python", 120_000, ActionStatus.REQUESTED))
                        .setParameter("cache.size")
                        .build();

        TtlUpdate update = TtlActions.apply(request, cache);

        assertThat(update.applied()).isFalse();
        assertThat(update.reason()).contains("cache.size").contains("cache.ttl.ms");
        assertThat(cache.ttl("python")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldAcknowledgeWithSameIdAndWorker() {
        OptimizerAction request = action("a1", "python", 10, ActionStatus.REQUESTED);
        TtlUpdate update = TtlActions.apply(request, cache);
        Instant now = Instant.ofEpochMilli(1_800_000_000_000L);

        OptimizerAction ack = TtlActions.acknowledgement(request, update, "worker-1", now);

        assertThat(ack.getId()).isEqualTo("a1");
        assertThat(ack.getTarget()).isEqualTo("python");
        assertThat(ack.getStatus()).isEqualTo(ActionStatus.REJECTED);
        assertThat(ack.getReason()).isEqualTo(update.reason());
        assertThat(ack.getNewValue()).isEqualTo(10);
        assertThat(ack.getPreviousValue()).isEqualTo(3_600_000);
        assertThat(ack.getIssuedBy()).isEqualTo("worker-1");
        assertThat(ack.getIssuedAt()).isEqualTo(now);
    }

    @Test
    void shouldKeepRequestReasonWhenApplied() {
        OptimizerAction request = action("a1", "python", 120_000, ActionStatus.REQUESTED);
        TtlUpdate update = TtlActions.apply(request, cache);

        OptimizerAction ack =
                TtlActions.acknowledgement(request, update, "worker-1", Instant.now());

        assertThat(ack.getStatus()).isEqualTo(ActionStatus.APPLIED);
        assertThat(ack.getReason()).isEqualTo("hit rate low");
    }

    @Test
    void shouldReplayRequestsNewestFirst() {
        Replay replay = new Replay("worker-1");
        replay.offer(action("a1", "python", 120_000, ActionStatus.REQUESTED));
        replay.offer(action("a1", "python", 120_000, ActionStatus.APPLIED, "worker-2"));
        replay.offer(action("a2", "python", 300_000, ActionStatus.REQUESTED));
        replay.offer(action("a1", "python", 120_000, ActionStatus.APPLIED, "worker-3"));

        List<Replay.Decision> decisions = replay.decisions();

        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).target()).isEqualTo("python");
        assertThat(decisions.get(0).newestFirst())
                .extracting(OptimizerAction::getId)
                .containsExactly("a2", "a1");
        assertThat(decisions.get(0).toAcknowledge().getId()).isEqualTo("a2");
    }

    @Test
    void shouldReplayAcknowledgementsWhenRequestsWereCompacted() {
        Replay replay = new Replay("worker-1");
        replay.offer(action("a3", "java", 900_000, ActionStatus.APPLIED, "worker-2"));

        List<Replay.Decision> decisions = replay.decisions();

        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).newestFirst())
                .extracting(OptimizerAction::getNewValue)
                .containsExactly(900_000L);
        assertThat(decisions.get(0).toAcknowledge()).isNull();
    }

    @Test
    void shouldNotAcknowledgeTwiceFromSameInstance() {
        Replay replay = new Replay("worker-1");
        replay.offer(action("a4", "c", 200_000, ActionStatus.REQUESTED));
        replay.offer(action("a4", "c", 200_000, ActionStatus.APPLIED, "worker-1"));

        List<Replay.Decision> decisions = replay.decisions();

        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).newestFirst())
                .extracting(OptimizerAction::getStatus)
                .containsExactly(ActionStatus.REQUESTED);
        assertThat(decisions.get(0).toAcknowledge()).isNull();
    }

    @Test
    void shouldIgnoreDryRunsAndOtherTypes() {
        Replay replay = new Replay("worker-1");
        replay.offer(action("a5", "c", 200_000, ActionStatus.DRY_RUN));
        replay.offer(
                OptimizerAction.newBuilder(action("a6", "cpp", 1, ActionStatus.REQUESTED))
                        .setType("worker-slots")
                        .build());

        List<Replay.Decision> decisions = replay.decisions();

        assertThat(decisions).isEmpty();
    }

    static OptimizerAction action(String id, String target, long value, ActionStatus status) {
        return action(id, target, value, status, "optimizer");
    }

    static OptimizerAction action(
            String id, String target, long value, ActionStatus status, String issuedBy) {
        return OptimizerAction.newBuilder()
                .setId(id)
                .setType(TtlActions.TYPE)
                .setTarget(target)
                .setParameter(TtlActions.PARAMETER)
                .setPreviousValue(3_600_000)
                .setNewValue(value)
                .setMinValue(60_000)
                .setMaxValue(86_400_000)
                .setStatus(status)
                .setReason("hit rate low")
                .setIssuedBy(issuedBy)
                .setIssuedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }
}
