package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary format of {@link Envelope}s on the repartition topics: a type byte and the source
 * partition, then the value's own encoding or the progress fields.
 */
public final class EnvelopeSerde {
    private static final byte OBSERVED = 1;
    private static final byte PROGRESS = 2;

    private EnvelopeSerde() {}

    /** Returns the serde of envelopes around values of {@code valueSerde}. */
    public static <V> Serde<Envelope<V>> of(Serde<V> valueSerde) {
        Objects.requireNonNull(valueSerde, "valueSerde can't be null");
        return Binary.serde(
                envelope -> toBytes(envelope, valueSerde), bytes -> fromBytes(bytes, valueSerde));
    }

    private static <V> byte[] toBytes(Envelope<V> envelope, Serde<V> valueSerde) {
        if (envelope instanceof Envelope.Observed<V> observed) {
            byte[] value = valueSerde.serializer().serialize(null, observed.value());
            return ByteBuffer.allocate(1 + Integer.BYTES + value.length)
                    .put(OBSERVED)
                    .putInt(observed.sourcePartition())
                    .put(value)
                    .array();
        }
        Envelope.Progress<V> progress = (Envelope.Progress<V>) envelope;
        return ByteBuffer.allocate(1 + Integer.BYTES + Long.BYTES + 1)
                .put(PROGRESS)
                .putInt(progress.sourcePartition())
                .putLong(progress.streamTimeMs())
                .put((byte) (progress.idle() ? 1 : 0))
                .array();
    }

    private static <V> Envelope<V> fromBytes(byte[] bytes, Serde<V> valueSerde) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte type = buffer.get();
        int partition = buffer.getInt();
        if (type == OBSERVED) {
            byte[] value = new byte[buffer.remaining()];
            buffer.get(value);
            return new Envelope.Observed<>(
                    partition, valueSerde.deserializer().deserialize(null, value));
        }
        if (type == PROGRESS) {
            return new Envelope.Progress<>(partition, buffer.getLong(), buffer.get() != 0);
        }
        throw new IllegalArgumentException(
                "Unknown envelope type " + type + "; expected " + OBSERVED + " or " + PROGRESS);
    }
}
