package dev.codepulse.schemas.serde;

import dev.codepulse.schemas.registry.HttpSchemaRegistryClient;
import dev.codepulse.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Creates the serde of every event type under one configuration: Avro single-object encoding by
 * default, or the Confluent wire format when {@code schema.registry.url} is set. Serdes are cached
 * per type and thread-safe.
 */
public final class EventSerdes implements AutoCloseable {
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final Map<Class<?>, AvroSerde<?>> serdes = new ConcurrentHashMap<>();

    private EventSerdes(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /**
     * Creates the serdes that a configuration selects; keys other than {@code schema.registry.*}
     * are ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a serde key is invalid
     */
    public static EventSerdes fromConfig(Map<?, ?> config) {
        SerdeConfig serdeConfig = new SerdeConfig(config);
        if (!serdeConfig.usesRegistry()) {
            return singleObject();
        }
        return withRegistry(
                new HttpSchemaRegistryClient(serdeConfig),
                serdeConfig.getBoolean(SerdeConfig.SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG));
    }

    /** Returns serdes in Avro single-object encoding, which need no registry. */
    public static EventSerdes singleObject() {
        return new EventSerdes(null, false);
    }

    /**
     * Returns serdes in the Confluent wire format backed by {@code registry}; closing them closes
     * the registry client.
     */
    public static EventSerdes withRegistry(SchemaRegistryClient registry, boolean autoRegister) {
        return new EventSerdes(
                Objects.requireNonNull(registry, "registry can't be null"), autoRegister);
    }

    /**
     * Lets Avro instantiate this project's generated record and enum classes. Copying a record
     * through its builder ({@code X.newBuilder(existing)}) makes Avro load classes by name, which
     * Avro 1.12 refuses for untrusted classes. Creating any serde, or loading {@code Topics}, does
     * this too; calling it again does nothing.
     */
    public static void trustGeneratedTypes() {
        AvroTrust.install();
    }

    /** Returns the serde of one record type. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> AvroSerde<T> serde(Class<T> type) {
        return (AvroSerde<T>) serdes.computeIfAbsent(type, key -> new AvroSerde<>(format(type)));
    }

    /** Returns a one-line description of the wire format, for start-up logs. */
    public String describe() {
        return registry == null
                ? "avro-single-object"
                : "confluent-registry url=" + registry.url() + " autoRegister=" + autoRegister;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private <T extends SpecificRecord> WireFormat<T> format(Class<T> type) {
        return registry == null
                ? new SingleObjectWireFormat<>(type)
                : new ConfluentWireFormat<>(type, registry, autoRegister);
    }
}
