package dev.codepulse.schemas.serde;

import dev.codepulse.schemas.TestEvents;
import dev.codepulse.testsupport.MockSchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Both wire formats for one test class: single-object serdes, and Confluent serdes backed by a
 * {@link MockSchemaRegistry} with auto-registration.
 */
final class WireFormats implements AutoCloseable {
    static final String SINGLE_OBJECT = "single-object";
    static final String CONFLUENT = "confluent";

    private final MockSchemaRegistry registry;
    private final EventSerdes singleObject;
    private final EventSerdes confluent;

    private WireFormats(MockSchemaRegistry registry) {
        this.registry = registry;
        this.singleObject = EventSerdes.singleObject();
        this.confluent = EventSerdes.withRegistry(TestClients.client(registry.url()), true);
    }

    /** Starts a mock registry and creates the serdes of both formats. */
    static WireFormats start() {
        return new WireFormats(MockSchemaRegistry.start());
    }

    /** Returns every event of {@link TestEvents#all()} once per format: (format, event). */
    static List<Arguments> eventsInBothFormats() {
        List<Arguments> arguments = new ArrayList<>();
        for (SpecificRecord event : TestEvents.all()) {
            arguments.add(Arguments.of(SINGLE_OBJECT, event));
            arguments.add(Arguments.of(CONFLUENT, event));
        }
        return arguments;
    }

    /** Returns a topic per record type, because a subject accepts only compatible schemas. */
    static String topicFor(String prefix, SpecificRecord event) {
        return prefix + "-" + event.getSchema().getName();
    }

    MockSchemaRegistry registry() {
        return registry;
    }

    EventSerdes serdes(String format) {
        return CONFLUENT.equals(format) ? confluent : singleObject;
    }

    @SuppressWarnings("unchecked")
    AvroSerde<SpecificRecord> serde(String format, SpecificRecord event) {
        return serdes(format).serde((Class<SpecificRecord>) event.getClass());
    }

    @Override
    public void close() {
        confluent.close();
        registry.close();
    }
}
