package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * Thresholds that map a rule's measured value to a severity. A value at or beyond the LOW threshold
 * fires the rule; the severity is the highest level whose threshold the value reaches.
 *
 * <p>For {@link Direction#HIGHER_IS_WORSE} the thresholds rise from LOW to CRITICAL and a value
 * reaches a threshold when it is greater than or equal to it. For {@link Direction#LOWER_IS_WORSE}
 * (such as a cache hit rate) they fall, and a value reaches a threshold when it is less than or
 * equal to it.
 *
 * @param direction which way a value gets worse
 * @param low threshold of LOW, in the rule's threshold unit
 * @param medium threshold of MEDIUM
 * @param high threshold of HIGH
 * @param critical threshold of CRITICAL
 */
public record SeverityTable(
        Direction direction, double low, double medium, double high, double critical) {

    /** Direction in which a measured value gets worse. */
    public enum Direction {
        HIGHER_IS_WORSE,
        LOWER_IS_WORSE
    }

    /**
     * Validates the order of the thresholds.
     *
     * @throws IllegalArgumentException if a threshold is not a finite number or the thresholds are
     *     not ordered from LOW to CRITICAL in the table's direction
     */
    public SeverityTable {
        Objects.requireNonNull(direction, "direction can't be null");
        double[] thresholds = {low, medium, high, critical};
        for (double threshold : thresholds) {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException(
                        "Invalid severity threshold " + threshold + "; expected a finite number");
            }
        }
        for (int i = 1; i < thresholds.length; i++) {
            boolean ordered =
                    direction == Direction.HIGHER_IS_WORSE
                            ? thresholds[i] >= thresholds[i - 1]
                            : thresholds[i] <= thresholds[i - 1];
            if (!ordered) {
                throw new IllegalArgumentException(
                        "Invalid severity table LOW="
                                + low
                                + " MEDIUM="
                                + medium
                                + " HIGH="
                                + high
                                + " CRITICAL="
                                + critical
                                + "; expected thresholds "
                                + (direction == Direction.HIGHER_IS_WORSE ? "rising" : "falling")
                                + " from LOW to CRITICAL");
            }
        }
    }

    /** Creates a table whose thresholds rise from LOW to CRITICAL. */
    public static SeverityTable higherIsWorse(
            double low, double medium, double high, double critical) {
        return new SeverityTable(Direction.HIGHER_IS_WORSE, low, medium, high, critical);
    }

    /** Creates a table whose thresholds fall from LOW to CRITICAL. */
    public static SeverityTable lowerIsWorse(
            double low, double medium, double high, double critical) {
        return new SeverityTable(Direction.LOWER_IS_WORSE, low, medium, high, critical);
    }

    /** Returns the severity a value reaches, or empty when it stays short of LOW. */
    public Optional<Severity> classify(double value) {
        Severity reached = null;
        for (Severity severity : Severity.values()) {
            if (reaches(value, threshold(severity))) {
                reached = severity;
            }
        }
        return Optional.ofNullable(reached);
    }

    /** Returns the threshold of one severity. */
    public double threshold(Severity severity) {
        return switch (severity) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
    }

    private boolean reaches(double value, double threshold) {
        return direction == Direction.HIGHER_IS_WORSE ? value >= threshold : value <= threshold;
    }

    /**
     * Returns the weight of a severity in impact scores: 1, 2, 4 and 8 from LOW to CRITICAL, so
     * each level counts twice the one below it.
     */
    public static double weight(Severity severity) {
        return switch (severity) {
            case LOW -> 1;
            case MEDIUM -> 2;
            case HIGH -> 4;
            case CRITICAL -> 8;
        };
    }

    /**
     * Returns the points an open recommendation of this severity takes off a health score: 5, 15,
     * 30 and 50 from LOW to CRITICAL.
     */
    public static double healthPenalty(Severity severity) {
        return switch (severity) {
            case LOW -> 5;
            case MEDIUM -> 15;
            case HIGH -> 30;
            case CRITICAL -> 50;
        };
    }
}
