package dev.codepulse.schemas;

import dev.codepulse.schemas.serde.EventSerdes;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic paired with the serdes of its keys and values.
 *
 * <p>Serdes depend on configuration (with or without a schema registry), so a topic builds them
 * from an {@link EventSerdes} instead of holding them.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 249;

    private final String name;
    private final Class<V> valueType;
    private final Function<EventSerdes, Serde<K>> keySerde;
    private final Function<EventSerdes, Serde<V>> valueSerde;

    Topic(
            String name,
            Class<V> valueType,
            Function<EventSerdes, Serde<K>> keySerde,
            Function<EventSerdes, Serde<V>> valueSerde) {
        this.name = Objects.requireNonNull(name, "name can't be null");
        this.valueType = Objects.requireNonNull(valueType, "valueType can't be null");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /**
     * Returns this topic under a name prefix, such as {@code team-a.} giving {@code
     * team-a.submissions}, with the same serdes. Several pipelines can then share one cluster.
     *
     * @throws IllegalArgumentException if the prefixed name is not a legal Kafka topic name
     */
    public Topic<K, V> withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix can't be null");
        if (prefix.isEmpty()) {
            return this;
        }
        String prefixed = prefix + name;
        if (!LEGAL_NAME.matcher(prefixed).matches() || prefixed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "Invalid topic prefix '"
                            + prefix
                            + "': topic names may contain only ASCII letters, digits, '.', '_' and"
                            + " '-', at most "
                            + MAX_NAME_LENGTH
                            + " characters");
        }
        return new Topic<>(prefixed, valueType, keySerde, valueSerde);
    }

    /** Returns the topic name, in kebab-case after any prefix. */
    public String name() {
        return name;
    }

    /** Returns the class of the values on this topic. */
    public Class<V> valueType() {
        return valueType;
    }

    /** Returns the key serde for this topic under the given serde configuration. */
    public Serde<K> keySerde(EventSerdes serdes) {
        return keySerde.apply(serdes);
    }

    /** Returns the value serde for this topic under the given serde configuration. */
    public Serde<V> valueSerde(EventSerdes serdes) {
        return valueSerde.apply(serdes);
    }

    @Override
    public String toString() {
        return name;
    }
}
