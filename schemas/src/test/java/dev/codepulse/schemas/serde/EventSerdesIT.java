package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.TestEvents;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event type goes through a real broker and back, in both wire formats. */
class EventSerdesIT {
    private static WireFormats formats;

    @BeforeAll
    static void startRegistry() {
        formats = WireFormats.start();
    }

    @AfterAll
    static void stopRegistry() {
        formats.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {WireFormats.SINGLE_OBJECT, WireFormats.CONFLUENT})
    void shouldRoundTripEveryEventThroughBroker(String format) throws Exception {
        String prefix = TestKafka.uniquePrefix("serde-it-" + format);
        EventSerdes serdes = formats.serdes(format);
        List<ProducerRecord<String, SpecificRecord>> sent = new ArrayList<>();
        for (SpecificRecord event : TestEvents.all()) {
            sent.add(new ProducerRecord<>(prefix + topicOf(event).name(), "key", event));
        }
        // A tombstone: a null value passes through both serdes.
        sent.add(new ProducerRecord<>(prefix + Topics.SUBMISSIONS.name(), "deleted", null));
        List<String> topics = sent.stream().map(ProducerRecord::topic).distinct().toList();
        createTopics(topics);

        produce(sent, serdes);
        Map<String, List<SpecificRecord>> received = consume(prefix, topics, sent.size(), serdes);

        assertThat(received).isEqualTo(valuesByTopic(sent));
    }

    @Test
    void shouldRegisterSubjectPerTopic() throws Exception {
        String prefix = TestKafka.uniquePrefix("serde-it-subjects");
        SpecificRecord event = TestEvents.recommendation().build();
        String topic = prefix + Topics.RECOMMENDATIONS.name();
        createTopics(List.of(topic));

        produce(
                List.of(new ProducerRecord<>(topic, "key", event)),
                formats.serdes(WireFormats.CONFLUENT));

        assertThat(formats.registry().subjects()).contains(topic + "-value");
    }

    private static Topic<?, ?> topicOf(SpecificRecord event) {
        return Topics.all().stream()
                .filter(topic -> topic.valueType().equals(event.getClass()))
                .findFirst()
                .orElseThrow();
    }

    private static void createTopics(List<String> names) throws Exception {
        TestKafka.createTopics(
                names.stream().map(name -> new NewTopic(name, 1, (short) 1)).toList());
    }

    private static void produce(
            List<ProducerRecord<String, SpecificRecord>> records, EventSerdes serdes)
            throws Exception {
        Serializer<SpecificRecord> values =
                (topic, value) ->
                        value == null ? null : serde(serdes, value).serialize(topic, value);
        try (KafkaProducer<String, SpecificRecord> producer =
                new KafkaProducer<>(
                        TestKafka.producerProperties(), new StringSerializer(), values)) {
            for (ProducerRecord<String, SpecificRecord> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static Map<String, List<SpecificRecord>> consume(
            String prefix, List<String> topics, int expected, EventSerdes serdes) {
        // Each topic's own serde decodes its values, as a service would configure it.
        Deserializer<SpecificRecord> values =
                (topic, bytes) ->
                        (SpecificRecord)
                                Topics.byName(topic.substring(prefix.length()))
                                        .valueSerde(serdes)
                                        .deserializer()
                                        .deserialize(topic, bytes);
        Map<String, List<SpecificRecord>> received = new HashMap<>();
        Properties properties = TestKafka.consumerProperties();
        try (KafkaConsumer<String, SpecificRecord> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), values)) {
            consumer.assign(topics.stream().map(topic -> new TopicPartition(topic, 0)).toList());
            List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size() >= expected;
                            });
            for (ConsumerRecord<String, SpecificRecord> record : records) {
                received.computeIfAbsent(record.topic(), key -> new ArrayList<>())
                        .add(record.value());
            }
        }
        return received;
    }

    private static Map<String, List<SpecificRecord>> valuesByTopic(
            List<ProducerRecord<String, SpecificRecord>> records) {
        Map<String, List<SpecificRecord>> values = new HashMap<>();
        for (ProducerRecord<String, SpecificRecord> record : records) {
            values.computeIfAbsent(record.topic(), key -> new ArrayList<>()).add(record.value());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static AvroSerde<SpecificRecord> serde(EventSerdes serdes, SpecificRecord value) {
        return serdes.serde((Class<SpecificRecord>) value.getClass());
    }
}
