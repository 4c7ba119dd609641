package dev.codepulse.streams.internals;

/**
 * What the decoding stage forwards: an {@link Envelope} for the aggregation, or the original bytes
 * of a record to send to the dead-letters topic. The dead-letter headers travel on the record
 * itself.
 *
 * @param <V> decoded value type
 */
public sealed interface Decoded<V> permits Decoded.Rejected, Envelope {
    /** A record that failed to decode or validate, with its original key and value bytes. */
    record Rejected<V>(byte[] key, byte[] value) implements Decoded<V> {}
}
