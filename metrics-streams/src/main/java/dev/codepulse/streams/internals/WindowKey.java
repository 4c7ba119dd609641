package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Key of a window store: the aggregated key (a language or a function) and the window start.
 *
 * <p>Serialized as the length-prefixed UTF-8 key followed by the window start in big-endian with
 * the sign bit flipped, so the stores, which order keys by unsigned bytes, keep the windows of one
 * key together and in time order, and a range scan returns them.
 *
 * @param key language or function name
 * @param windowStartMs window start, epoch milliseconds
 */
public record WindowKey(String key, long windowStartMs) {
    /** Orders by window start, then by key: the order in which windows close. */
    public static final Comparator<WindowKey> BY_START =
            Comparator.comparingLong(WindowKey::windowStartMs).thenComparing(WindowKey::key);

    public WindowKey {
        Objects.requireNonNull(key, "key can't be null");
    }

    /** Returns the first possible store key of {@code key}, for range scans. */
    public static WindowKey first(String key) {
        return new WindowKey(key, Long.MIN_VALUE);
    }

    /** Returns the last possible store key of {@code key}, for range scans. */
    public static WindowKey last(String key) {
        return new WindowKey(key, Long.MAX_VALUE);
    }

    /** Returns the serde of store keys. */
    public static Serde<WindowKey> serde() {
        return SERDE;
    }

    private static final Serde<WindowKey> SERDE =
            Binary.serde(WindowKey::toBytes, WindowKey::fromBytes);

    private static byte[] toBytes(WindowKey windowKey) {
        byte[] key = windowKey.key().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + key.length + Long.BYTES)
                .putInt(key.length)
                .put(key)
                .putLong(windowKey.windowStartMs() ^ Long.MIN_VALUE)
                .array();
    }

    private static WindowKey fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String key = Binary.getString(buffer);
        return new WindowKey(key, buffer.getLong() ^ Long.MIN_VALUE);
    }
}
