package dev.codepulse.optimizer.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * One measurement behind a finding: the expected range against the observed value, with the window
 * and the number of samples. Mirrors the Avro {@code Evidence} record.
 *
 * @param metric metric name, such as {@code function.wall.p95}
 * @param unit unit of the range and the observed value, such as {@code ms}, {@code ratio} or {@code
 *     bytes}
 * @param expectedLow lower end of the expected range
 * @param expectedHigh upper end of the expected range
 * @param observed observed value
 * @param windowStartMs start of the window, epoch milliseconds
 * @param windowEndMs end of the window, exclusive, epoch milliseconds
 * @param sampleCount samples behind the observed value
 * @param summary the evidence as one sentence
 */
public record EvidenceItem(
        String metric,
        String unit,
        double expectedLow,
        double expectedHigh,
        double observed,
        long windowStartMs,
        long windowEndMs,
        long sampleCount,
        String summary) {

    /**
     * Creates evidence with the summary "expected x–y unit, observed z unit over n samples in
     * window start/end".
     */
    public static EvidenceItem of(
            String metric,
            String unit,
            double expectedLow,
            double expectedHigh,
            double observed,
            WindowData window,
            long sampleCount) {
        String summary =
                "expected "
                        + format(expectedLow)
                        + "–"
                        + format(expectedHigh)
                        + unitSuffix(unit)
                        + ", observed "
                        + format(observed)
                        + unitSuffix(unit)
                        + " over "
                        + sampleCount
                        + " samples in window "
                        + window.label();
        return new EvidenceItem(
                metric,
                unit,
                expectedLow,
                expectedHigh,
                observed,
                window.start().toEpochMilli(),
                window.end().toEpochMilli(),
                sampleCount,
                summary);
    }

    /** Returns the start of the window. */
    public Instant windowStart() {
        return Instant.ofEpochMilli(windowStartMs);
    }

    /** Returns the end of the window, exclusive. */
    public Instant windowEnd() {
        return Instant.ofEpochMilli(windowEndMs);
    }

    /**
     * Formats a number for a summary: whole numbers from 100 up, otherwise at most three
     * significant decimals without trailing zeros.
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (Math.abs(value) >= 100) {
            return Long.toString(Math.round(value));
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String unitSuffix(String unit) {
        return unit == null || unit.isEmpty() || unit.equals("ratio") ? "" : " " + unit;
    }
}
