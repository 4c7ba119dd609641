package dev.codepulse.optimizer.internals.state;

import dev.codepulse.schemas.ActionStatus;

/** An action as published; mirrors the Avro {@code OptimizerAction}. */
public record ActionData(
        String id,
        String type,
        String target,
        String parameter,
        long previousValue,
        long newValue,
        long minValue,
        long maxValue,
        ActionStatus status,
        String reason,
        String recommendationId,
        String issuedBy,
        long issuedAtMs) {}
