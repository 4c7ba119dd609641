package dev.codepulse.streams.query;

import dev.codepulse.common.AvroJson;
import dev.codepulse.streams.QueryUnavailableException;
import dev.codepulse.streams.internals.WindowAggregate;
import dev.codepulse.streams.internals.WindowDefinition;
import dev.codepulse.streams.internals.WindowKey;
import dev.codepulse.streams.internals.WindowedAggregation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers queries over one window store: the windows of one key, served from the local store when
 * this instance owns the key and forwarded to the owner otherwise, and the newest window of every
 * key, gathered from every instance.
 *
 * @param <A> aggregate type of the store
 */
public final class WindowQueries<A extends WindowAggregate> {
    private final KafkaStreams streams;
    private final WindowedAggregation<?, A, ?> aggregation;
    private final WindowDefinition windows;
    private final HostInfo self;
    private final RemoteQueries remote;
    private final String keyName;

    /**
     * @param keyName name of the key in responses, such as language
     * @param self this instance's HTTP endpoint, as in application.server
     */
    public WindowQueries(
            KafkaStreams streams,
            WindowedAggregation<?, A, ?> aggregation,
            WindowDefinition windows,
            HostInfo self,
            RemoteQueries remote,
            String keyName) {
        this.streams = Objects.requireNonNull(streams, "streams can't be null");
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation can't be null");
        this.windows = Objects.requireNonNull(windows, "windows can't be null");
        this.self = Objects.requireNonNull(self, "self can't be null");
        this.remote = Objects.requireNonNull(remote, "remote can't be null");
        this.keyName = Objects.requireNonNull(keyName, "keyName can't be null");
    }

    /**
     * Returns the open and retained closed windows of one key, newest first, with {@code current}
     * the newest open window or null.
     *
     * @param path request path, to forward the same request to the owning instance
     * @param localOnly answer from the local store even when another instance owns the key
     * @return the response body, or null when the owner holds no window of the key
     * @throws QueryUnavailableException during a rebalance, while stores restore, or when the owner
     *     does not answer
     */
    public Map<String, Object> windowsOf(String key, String path, boolean localOnly) {
        if (!localOnly) {
            HostInfo owner = ownerOf(key);
            if (!owner.equals(self)) {
                return remote.get(owner, path, Map.of("name", key, "local", "true"));
            }
        }
        List<Map<String, Object>> views =
                read(store -> store.range(WindowKey.first(key), WindowKey.last(key)));
        if (views.isEmpty()) {
            return null;
        }
        // The range scan returns the windows of one key in start order.
        Collections.reverse(views);
        return body(key, views);
    }

    /**
     * Returns the newest window of every key, from this instance only or from every instance.
     *
     * @param path request path, to send the same request to the other instances
     * @throws QueryUnavailableException during a rebalance, while stores restore, or when another
     *     instance does not answer
     */
    public Map<String, Object> newestOfEveryKey(String path, boolean localOnly) {
        Map<String, Map<String, Object>> newest = new TreeMap<>();
        for (Map<String, Object> view : read(ReadOnlyKeyValueStore::all)) {
            newest.put((String) view.get(keyName), view);
        }
        List<Object> entries = new ArrayList<>(newest.values());
        if (!localOnly) {
            for (HostInfo host : otherHosts()) {
                Map<String, Object> answer = remote.get(host, path, Map.of("local", "true"));
                if (answer != null && answer.get("windows") instanceof List<?> list) {
                    entries.addAll(list);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servedBy", self.host() + ":" + self.port());
        body.put("windows", entries);
        return body;
    }

    private Map<String, Object> body(String key, List<Map<String, Object>> views) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(keyName, key);
        body.put("servedBy", self.host() + ":" + self.port());
        body.put(
                "current",
                views.stream()
                        .filter(view -> "open".equals(view.get("state")))
                        .findFirst()
                        .orElse(null));
        body.put("windows", views);
        return body;
    }

    private Map<String, Object> view(KeyValue<WindowKey, A> entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", entry.value.emitted() ? "closed" : "open");
        view.putAll(
                AvroJson.toMap(
                        aggregation.toStats(
                                entry.key, windows.endOf(entry.key.windowStartMs()), entry.value)));
        return view;
    }

    private HostInfo ownerOf(String key) {
        KeyQueryMetadata metadata;
        try {
            metadata =
                    streams.queryMetadataForKey(
                            aggregation.storeName(), key, Serdes.String().serializer());
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw new QueryUnavailableException(
                    "The application is not running yet; retry in a moment", e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new QueryUnavailableException(
                    "The owner of "
                            + keyName
                            + " '"
                            + key
                            + "' is not known, probably during a rebalance; retry in a moment");
        }
        return metadata.activeHost();
    }

    private List<HostInfo> otherHosts() {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(aggregation.storeName())) {
            if (!metadata.hostInfo().equals(self)) {
                hosts.add(metadata.hostInfo());
            }
        }
        return hosts;
    }

    // Stores throw InvalidStateStoreException while a rebalance or restore is in progress, when
    // they are looked up or, later, when they are read.
    private List<Map<String, Object>> read(
            Function<ReadOnlyKeyValueStore<WindowKey, A>, KeyValueIterator<WindowKey, A>> scan) {
        List<Map<String, Object>> views = new ArrayList<>();
        try (KeyValueIterator<WindowKey, A> entries =
                scan.apply(
                        streams.store(
                                StoreQueryParameters.fromNameAndType(
                                        aggregation.storeName(),
                                        QueryableStoreTypes.<WindowKey, A>keyValueStore())))) {
            entries.forEachRemaining(entry -> views.add(view(entry)));
        } catch (InvalidStateStoreException e) {
            throw new QueryUnavailableException(
                    "Store "
                            + aggregation.storeName()
                            + " is not queryable now (rebalance or restore in progress); retry in"
                            + " a moment",
                    e);
        }
        return views;
    }
}
