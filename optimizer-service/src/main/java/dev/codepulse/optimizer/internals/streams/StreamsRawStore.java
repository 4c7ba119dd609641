package dev.codepulse.optimizer.internals.streams;

import dev.codepulse.optimizer.internals.state.RawStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link RawStore} on a Kafka Streams key-value store, whose changelog makes it durable. */
final class StreamsRawStore implements RawStore {
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;

    StreamsRawStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public byte[] get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> scan(String prefix) {
        List<Map.Entry<String, byte[]>> found = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> iterator = store.prefixScan(prefix, KEYS)) {
            while (iterator.hasNext()) {
                KeyValue<String, byte[]> entry = iterator.next();
                found.add(Map.entry(entry.key, entry.value));
            }
        }
        return found;
    }
}
