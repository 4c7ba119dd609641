package dev.codepulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OptimizerActionsTest {
    private static final Instant ISSUED = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void shouldCopyActionWhenAcknowledging() {
        OptimizerAction requested = requested();

        OptimizerAction ack =
                OptimizerActions.acknowledge(
                        requested, ActionStatus.APPLIED, "worker-1", null, ISSUED.plusSeconds(1));

        assertThat(ack.getId()).isEqualTo(requested.getId());
        assertThat(ack.getNewValue()).isEqualTo(1_200_000L);
        assertThat(ack.getStatus()).isEqualTo(ActionStatus.APPLIED);
        assertThat(ack.getIssuedBy()).isEqualTo("worker-1");
        assertThat(ack.getReason()).isEmpty();
        assertThat(OptimizerActions.isIssuedByOptimizer(ack)).isFalse();
    }

    @Test
    void shouldRejectRequestedStatusAsAcknowledgement() {
        OptimizerAction requested = requested();

        assertThatThrownBy(
                        () ->
                                OptimizerActions.acknowledge(
                                        requested, ActionStatus.REQUESTED, "worker-1", "", ISSUED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REQUESTED");
    }

    private static OptimizerAction requested() {
        return OptimizerAction.newBuilder()
                .setId("cache-ttl:python:1714557600000")
                .setType(OptimizerActions.CACHE_TTL_TYPE)
                .setTarget("python")
                .setParameter(OptimizerActions.CACHE_TTL_PARAMETER)
                .setPreviousValue(600_000L)
                .setNewValue(1_200_000L)
                .setMinValue(60_000L)
                .setMaxValue(86_400_000L)
                .setStatus(ActionStatus.REQUESTED)
                .setReason("cache hit rate 0.12 below 0.3")
                .setIssuedBy(OptimizerActions.ISSUED_BY_OPTIMIZER)
                .setIssuedAt(ISSUED)
                .build();
    }
}
