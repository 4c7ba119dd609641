package dev.codepulse.schemas;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The DDSketch settings every event uses, and their encoding to and from bytes.
 *
 * <p>All sketches share one relative accuracy (1 percent) and one bin limit, so sketches from any
 * producer merge without conversion. Values must be non-negative (durations, sizes).
 */
public final class Sketches {
    /** Relative accuracy of every sketch: a quantile is within 1 percent of the true value. */
    public static final double RELATIVE_ACCURACY = 0.01;

    /**
     * Bins kept per sketch. With 1 percent accuracy, 2048 bins span a ratio of about e^40 between
     * the smallest and largest value kept exactly; below that the lowest bins collapse.
     */
    public static final int MAX_BINS = 2048;

    private static final double[] REPORTED_QUANTILES = {0.50, 0.90, 0.95, 0.99};

    private Sketches() {}

    /** Creates an empty sketch with the shared settings. */
    public static DDSketch newSketch() {
        return DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
    }

    /** Encodes a sketch, index mapping included, into a new byte array. */
    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode a DDSketch in memory", e);
        }
        return output.trimmedCopy();
    }

    /**
     * Decodes bytes written by {@link #encode(DDSketch)} into a new sketch with the shared
     * settings.
     *
     * @throws IllegalArgumentException if the bytes are not a valid sketch encoding
     */
    public static DDSketch decode(byte[] bytes) {
        DDSketch sketch = newSketch();
        mergeEncoded(sketch, bytes);
        return sketch;
    }

    /** Decodes the sketch in a buffer; see {@link #decode(byte[])}. */
    public static DDSketch decode(ByteBuffer buffer) {
        return decode(toArray(buffer));
    }

    /**
     * Merges an encoded sketch into {@code target} without an intermediate copy.
     *
     * @throws IllegalArgumentException if the bytes are not a valid sketch encoding
     */
    public static void mergeEncoded(DDSketch target, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        try {
            target.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Invalid DDSketch encoding of " + bytes.length + " bytes: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Builds a {@link Distribution} from exact statistics and the sketch of the same values.
     *
     * @param count number of values
     * @param sum exact sum of the values
     * @param min exact minimum, ignored when count is 0
     * @param max exact maximum, ignored when count is 0
     */
    public static Distribution toDistribution(
            DDSketch sketch, long count, double sum, double min, double max) {
        double[] quantiles =
                sketch.isEmpty()
                        ? new double[REPORTED_QUANTILES.length]
                        : sketch.getValuesAtQuantiles(REPORTED_QUANTILES);
        return Distribution.newBuilder()
                .setCount(count)
                .setSum(sum)
                .setMin(count == 0 ? 0 : min)
                .setMax(count == 0 ? 0 : max)
                .setP50(clamp(quantiles[0], count, min, max))
                .setP90(clamp(quantiles[1], count, min, max))
                .setP95(clamp(quantiles[2], count, min, max))
                .setP99(clamp(quantiles[3], count, min, max))
                .setRelativeAccuracy(RELATIVE_ACCURACY)
                .setSketch(ByteBuffer.wrap(encode(sketch)))
                .build();
    }

    /** Returns an empty distribution: count 0 and an empty sketch. */
    public static Distribution emptyDistribution() {
        return toDistribution(newSketch(), 0, 0, 0, 0);
    }

    /** Copies the remaining bytes of a buffer without moving its position. */
    public static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    // A sketch quantile can fall just outside the exact range by its relative error; the exact
    // min and max are known, so a reported quantile never leaves them.
    private static double clamp(double quantile, long count, double min, double max) {
        if (count == 0) {
            return 0;
        }
        return Math.max(min, Math.min(max, quantile));
    }
}
