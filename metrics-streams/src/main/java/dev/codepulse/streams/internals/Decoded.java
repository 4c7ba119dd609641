package dev.codepulse.streams.internals;

/**
 * Result of decoding one input record: a value to aggregate, or the original bytes of a record to
 * send to the dead-letters topic. The dead-letter headers travel on the record itself.
 *
 * @param <V> decoded value type
 */
public sealed interface Decoded<V> {
    /** A record that decoded and passed validation. */
    record Valid<V>(V value) implements Decoded<V> {}

    /** A record that failed, with its original key and value bytes. */
    record Rejected<V>(byte[] key, byte[] value) implements Decoded<V> {}
}
