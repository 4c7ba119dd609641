package dev.codepulse.optimizer.internals.state;

import java.util.List;

/** A health score as published; mirrors the Avro {@code HealthScore}. */
public record HealthData(
        String scope,
        int score,
        List<Part> parts,
        long windowStartMs,
        long windowEndMs,
        int openRecommendations) {

    /** One component; mirrors the Avro {@code HealthPart}. */
    public record Part(String name, double score, double weight, String detail) {}
}
