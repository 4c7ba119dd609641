package dev.codepulse.streams.internals;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.Sketches;
import java.nio.ByteBuffer;

/**
 * Exact count, sum, min and max of a quantity beside a DDSketch of its values, built one value or
 * one pre-aggregated sketch at a time.
 *
 * <p>The state store receives a copy of every aggregate after each record, which exactly-once
 * needs, but re-encoding a sketch per record would dominate the cost. So the serialized form is the
 * sketch as encoded at some earlier point (the base) followed by the values added since (pending).
 * Every {@value #PENDING_LIMIT} values the base is re-encoded and pending cleared. A reader decodes
 * the base and adds the pending values, which yields the same bins as the live sketch because bin
 * counts only add up.
 */
public final class DistributionAccumulator {
    /** Values kept beside the base encoding before the sketch is encoded again. */
    static final int PENDING_LIMIT = 64;

    private static final int FIXED_BYTES = 8 + 8 + 8 + 8 + 4 + 4;
    // A pending value is written as the unsigned varint of n << 1 when it is a whole number n in
    // [0, 2^53), where a double represents every whole number exactly. Any other value is written
    // as
    // the varint 1 followed by the eight bytes of the double.
    private static final long MAX_EXACT_WHOLE = 1L << 53;
    private static final long DOUBLE_FOLLOWS = 1;
    private static final byte[] NO_BYTES = new byte[0];

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final DDSketch sketch;
    private byte[] base = NO_BYTES;
    private final double[] pending = new double[PENDING_LIMIT];
    private int pendingCount;
    private boolean baseStale;

    /** Creates an empty accumulator. */
    public DistributionAccumulator() {
        this.sketch = Sketches.newSketch();
    }

    /**
     * Adds one value.
     *
     * @param value a non-negative number, such as a duration
     */
    public void add(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sketch.accept(value);
        pending[pendingCount++] = value;
        if (pendingCount == PENDING_LIMIT) {
            rebase();
        }
    }

    /**
     * Merges values that were aggregated elsewhere: their exact statistics and their encoded
     * sketch. Nothing is added when {@code otherCount} is 0.
     *
     * @throws IllegalArgumentException if {@code encodedSketch} is not a valid sketch encoding
     */
    public void merge(
            byte[] encodedSketch,
            long otherCount,
            double otherSum,
            double otherMin,
            double otherMax) {
        if (otherCount == 0) {
            return;
        }
        Sketches.mergeEncoded(sketch, encodedSketch);
        count += otherCount;
        sum += otherSum;
        min = Math.min(min, otherMin);
        max = Math.max(max, otherMax);
        baseStale = true;
    }

    /** Merges another accumulator's values into this one; {@code other} is left unchanged. */
    public void merge(DistributionAccumulator other) {
        if (other.count == 0) {
            return;
        }
        sketch.mergeWith(other.sketch);
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        baseStale = true;
    }

    /** Returns how many values were added or merged. */
    public long count() {
        return count;
    }

    /** Returns the exact sum of the values. */
    public double sum() {
        return sum;
    }

    /** Returns the smallest value, or 0 when there is none. */
    public double min() {
        return count == 0 ? 0 : min;
    }

    /** Returns the largest value, or 0 when there is none. */
    public double max() {
        return count == 0 ? 0 : max;
    }

    /** Returns the distribution record: exact statistics, percentiles and the encoded sketch. */
    public Distribution toDistribution() {
        return Sketches.toDistribution(sketch, count, sum, min(), max());
    }

    /** Returns the number of bytes {@link #writeTo(ByteBuffer)} writes. */
    int serializedSize() {
        if (baseStale) {
            rebase();
        }
        int size = FIXED_BYTES + base.length;
        for (int i = 0; i < pendingCount; i++) {
            size += pendingSize(pending[i]);
        }
        return size;
    }

    /** Writes the statistics, the base encoding and the pending values. */
    void writeTo(ByteBuffer buffer) {
        if (baseStale) {
            rebase();
        }
        buffer.putLong(count).putDouble(sum).putDouble(min).putDouble(max);
        buffer.putInt(base.length).put(base);
        buffer.putInt(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            writePending(buffer, pending[i]);
        }
    }

    /**
     * Reads what {@link #writeTo(ByteBuffer)} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    static DistributionAccumulator readFrom(ByteBuffer buffer) {
        DistributionAccumulator accumulator = new DistributionAccumulator();
        accumulator.count = buffer.getLong();
        accumulator.sum = buffer.getDouble();
        accumulator.min = buffer.getDouble();
        accumulator.max = buffer.getDouble();

        int baseLength = buffer.getInt();
        if (baseLength < 0 || baseLength > buffer.remaining()) {
            throw new IllegalArgumentException(
                    "Invalid sketch length "
                            + baseLength
                            + " with "
                            + buffer.remaining()
                            + " left");
        }
        accumulator.base = new byte[baseLength];
        buffer.get(accumulator.base);
        Sketches.mergeEncoded(accumulator.sketch, accumulator.base);

        int pendingValues = buffer.getInt();
        if (pendingValues < 0 || pendingValues >= PENDING_LIMIT) {
            throw new IllegalArgumentException(
                    "Invalid pending value count "
                            + pendingValues
                            + "; expected 0 to "
                            + (PENDING_LIMIT - 1));
        }
        for (int i = 0; i < pendingValues; i++) {
            double value = readPending(buffer);
            accumulator.pending[i] = value;
            accumulator.sketch.accept(value);
        }
        accumulator.pendingCount = pendingValues;
        return accumulator;
    }

    private static boolean isSmallWhole(double value) {
        return value >= 0 && value < MAX_EXACT_WHOLE && value == Math.rint(value);
    }

    private static int pendingSize(double value) {
        return isSmallWhole(value) ? varintSize((long) value << 1) : 1 + Double.BYTES;
    }

    private static void writePending(ByteBuffer buffer, double value) {
        if (isSmallWhole(value)) {
            writeVarint(buffer, (long) value << 1);
        } else {
            writeVarint(buffer, DOUBLE_FOLLOWS);
            buffer.putDouble(value);
        }
    }

    private static double readPending(ByteBuffer buffer) {
        long encoded = readVarint(buffer);
        return (encoded & 1) == 0 ? (double) (encoded >>> 1) : buffer.getDouble();
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static void writeVarint(ByteBuffer buffer, long value) {
        while ((value & ~0x7FL) != 0) {
            buffer.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.put((byte) value);
    }

    private static long readVarint(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte next = buffer.get();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Invalid varint: more than 10 bytes");
    }

    private void rebase() {
        base = Sketches.encode(sketch);
        pendingCount = 0;
        baseStale = false;
    }
}
