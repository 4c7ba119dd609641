package dev.codepulse.streams.internals;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of one windowed aggregation, each cached and backed by a changelog topic: the windows,
 * the late-record counts per key and the source partitions' clocks.
 */
public final class WindowStores {
    private WindowStores() {}

    /** Adds the stores of {@code aggregation} to a builder, in memory or in RocksDB. */
    public static void add(
            StreamsBuilder builder, WindowedAggregation<?, ?, ?> aggregation, boolean inMemory) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(aggregation.partialStoreName(), inMemory),
                                WindowKey.serde(),
                                aggregation.serde())
                        .withCachingEnabled());
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(aggregation.storeName(), inMemory),
                                WindowKey.serde(),
                                aggregation.serde())
                        .withCachingEnabled());
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(aggregation.lateStoreName(), inMemory),
                                Serdes.String(),
                                Serdes.Long())
                        .withCachingEnabled());
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(aggregation.clockStoreName(), inMemory),
                                Serdes.Integer(),
                                SourceClocks.serde())
                        .withCachingEnabled());
    }

    private static KeyValueBytesStoreSupplier supplier(String name, boolean inMemory) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
