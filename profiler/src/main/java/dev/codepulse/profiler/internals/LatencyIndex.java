package dev.codepulse.profiler.internals;

import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import dev.codepulse.schemas.Sketches;

/**
 * Computes the bin index that the shared DDSketch mapping ({@link Sketches#newSketch()}) gives a
 * duration, mostly by a table lookup instead of the mapping's logarithm.
 *
 * <p>The table splits every power of two into {@code 2^SUB_BUCKET_BITS} sub-buckets, by the bits
 * after the leading one. A sub-bucket whose smallest and largest value map to the same index stores
 * that index, which is then exact for every value in between because the mapping is monotonic
 * ({@link Math#log} is semi-monotonic). A sub-bucket that straddles a bin boundary stores {@link
 * #UNKNOWN}, and its values fall back to the mapping: 3.3 percent of the sub-buckets from 2^10 up,
 * at the 1 percent accuracy of {@link Sketches}. The table has 63 x 1024 ints (252 KiB), built once
 * per JVM.
 */
final class LatencyIndex {
    private static final IndexMapping MAPPING = Sketches.newSketch().getIndexMapping();
    private static final int SUB_BUCKET_BITS = 10;
    private static final int SUB_BUCKET_MASK = (1 << SUB_BUCKET_BITS) - 1;
    private static final int MAX_EXPONENT = 62;
    private static final int UNKNOWN = Integer.MIN_VALUE;
    private static final int[] TABLE = buildTable();

    private LatencyIndex() {}

    /** Returns {@code MAPPING.index(value)} for a positive value. */
    static int index(long value) {
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int index = TABLE[(exponent << SUB_BUCKET_BITS) | subBucket(value, exponent)];
        return index != UNKNOWN ? index : MAPPING.index(value);
    }

    private static int subBucket(long value, int exponent) {
        long bits =
                exponent >= SUB_BUCKET_BITS
                        ? value >>> (exponent - SUB_BUCKET_BITS)
                        : value << (SUB_BUCKET_BITS - exponent);
        return (int) bits & SUB_BUCKET_MASK;
    }

    private static int[] buildTable() {
        int[] table = new int[(MAX_EXPONENT + 1) << SUB_BUCKET_BITS];
        for (int exponent = 0; exponent <= MAX_EXPONENT; exponent++) {
            for (int subBucket = 0; subBucket <= SUB_BUCKET_MASK; subBucket++) {
                table[(exponent << SUB_BUCKET_BITS) | subBucket] = entry(exponent, subBucket);
            }
        }
        return table;
    }

    private static int entry(int exponent, int subBucket) {
        long lowest;
        long highest;
        if (exponent >= SUB_BUCKET_BITS) {
            long width = 1L << (exponent - SUB_BUCKET_BITS);
            lowest = (1L << exponent) + subBucket * width;
            highest = lowest + width - 1;
        } else {
            // Below 2^SUB_BUCKET_BITS each value has its own sub-bucket, and some stay unused.
            int step = 1 << (SUB_BUCKET_BITS - exponent);
            if (subBucket % step != 0) {
                return UNKNOWN;
            }
            lowest = (1L << exponent) + subBucket / step;
            highest = lowest;
        }
        int index = MAPPING.index(lowest);
        return index == MAPPING.index(highest) ? index : UNKNOWN;
    }
}
