package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary format of {@link Envelope}s on the repartition topics: a type byte and the source
 * partition, then the message's fields, with a partial's aggregate in its store encoding.
 */
public final class EnvelopeSerde {
    private static final byte PARTIAL = 1;
    private static final byte DROPPED = 2;
    private static final byte PROGRESS = 3;
    private static final int HEADER_BYTES = 1 + Integer.BYTES;

    private EnvelopeSerde() {}

    /** Returns the serde of envelopes carrying aggregates of {@code aggregateSerde}. */
    public static <A> Serde<Envelope<A>> of(Serde<A> aggregateSerde) {
        Objects.requireNonNull(aggregateSerde, "aggregateSerde can't be null");
        return Binary.serde(
                envelope -> toBytes(envelope, aggregateSerde),
                bytes -> fromBytes(bytes, aggregateSerde));
    }

    private static <A> byte[] toBytes(Envelope<A> envelope, Serde<A> aggregateSerde) {
        if (envelope instanceof Envelope.Partial<A> partial) {
            byte[] aggregate = aggregateSerde.serializer().serialize(null, partial.aggregate());
            return header(PARTIAL, partial, 2 * Long.BYTES + aggregate.length)
                    .putLong(partial.windowStartMs())
                    .putLong(partial.lastRecordWallMs())
                    .put(aggregate)
                    .array();
        }
        if (envelope instanceof Envelope.Dropped<A> dropped) {
            return header(DROPPED, dropped, Long.BYTES).putLong(dropped.records()).array();
        }
        Envelope.Progress<A> progress = (Envelope.Progress<A>) envelope;
        return header(PROGRESS, progress, Long.BYTES + 1)
                .putLong(progress.streamTimeMs())
                .put((byte) (progress.idle() ? 1 : 0))
                .array();
    }

    private static ByteBuffer header(byte type, Envelope<?> envelope, int bodyBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + bodyBytes)
                .put(type)
                .putInt(envelope.sourcePartition());
    }

    private static <A> Envelope<A> fromBytes(byte[] bytes, Serde<A> aggregateSerde) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte type = buffer.get();
        int partition = buffer.getInt();
        switch (type) {
            case PARTIAL -> {
                long windowStartMs = buffer.getLong();
                long lastRecordWallMs = buffer.getLong();
                byte[] aggregate = new byte[buffer.remaining()];
                buffer.get(aggregate);
                return new Envelope.Partial<>(
                        partition,
                        windowStartMs,
                        lastRecordWallMs,
                        aggregateSerde.deserializer().deserialize(null, aggregate));
            }
            case DROPPED -> {
                return new Envelope.Dropped<>(partition, buffer.getLong());
            }
            case PROGRESS -> {
                return new Envelope.Progress<>(partition, buffer.getLong(), buffer.get() != 0);
            }
            default ->
                    throw new IllegalArgumentException(
                            "Unknown envelope type "
                                    + type
                                    + "; expected "
                                    + PARTIAL
                                    + ", "
                                    + DROPPED
                                    + " or "
                                    + PROGRESS);
        }
    }
}
