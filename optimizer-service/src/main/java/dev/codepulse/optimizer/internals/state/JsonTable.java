package dev.codepulse.optimizer.internals.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.optimizer.OptimizerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed view of the keys of a {@link RawStore} under one prefix, with values stored as JSON. JSON
 * keeps the state readable in the changelog topic, and unknown fields are ignored so that older
 * state still loads after a field is added.
 *
 * @param <V> value type, a record Jackson can map
 */
public final class JsonTable<V> {
    static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RawStore store;
    private final String prefix;
    private final Class<V> type;

    JsonTable(RawStore store, String prefix, Class<V> type) {
        this.store = store;
        this.prefix = prefix;
        this.type = type;
    }

    /** Returns the value of a key, or empty. */
    public Optional<V> get(String key) {
        byte[] bytes = store.get(prefix + key);
        return bytes == null ? Optional.empty() : Optional.of(read(prefix + key, bytes));
    }

    /** Stores a value. */
    public void put(String key, V value) {
        try {
            store.put(prefix + key, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new OptimizerException(
                    "Failed to write optimizer state key=" + prefix + key + ": " + e, e);
        }
    }

    /** Removes a key. */
    public void delete(String key) {
        store.delete(prefix + key);
    }

    /** Returns every value, in key order. */
    public List<V> values() {
        List<V> values = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : store.scan(prefix)) {
            values.add(read(entry.getKey(), entry.getValue()));
        }
        return values;
    }

    /** Returns every entry whose key starts with {@code keyPrefix}, keys without the prefix. */
    public List<Map.Entry<String, V>> entries(String keyPrefix) {
        List<Map.Entry<String, V>> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : store.scan(prefix + keyPrefix)) {
            found.add(
                    Map.entry(
                            entry.getKey().substring(prefix.length()),
                            read(entry.getKey(), entry.getValue())));
        }
        return found;
    }

    private V read(String key, byte[] bytes) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new OptimizerException(
                    "Failed to read optimizer state key="
                            + key
                            + " as "
                            + type.getSimpleName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
