package dev.codepulse.optimizer.internals.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link RawStore} on a sorted map, for tests and tools. */
public final class InMemoryRawStore implements RawStore {
    private final TreeMap<String, byte[]> entries = new TreeMap<>();

    @Override
    public byte[] get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> scan(String prefix) {
        List<Map.Entry<String, byte[]>> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : entries.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            found.add(Map.entry(entry.getKey(), entry.getValue().clone()));
        }
        return found;
    }
}
