package dev.codepulse.optimizer.internals.state;

import java.util.List;
import java.util.Map;

/**
 * A sorted key-value store of byte values: a Kafka Streams store in the service, a map in unit
 * tests. Called from one thread.
 */
public interface RawStore {
    /** Returns the value of a key, or null. */
    byte[] get(String key);

    /** Stores a value. */
    void put(String key, byte[] value);

    /** Removes a key; nothing happens when it is missing. */
    void delete(String key);

    /** Returns every entry whose key starts with {@code prefix}, in key order. */
    List<Map.Entry<String, byte[]>> scan(String prefix);
}
