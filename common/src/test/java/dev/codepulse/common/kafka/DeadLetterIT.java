package dev.codepulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterIT {
    private final EventSerdes serdes = EventSerdes.singleObject();
    private final AvroSerde<FunctionSample> serde = serdes.serde(FunctionSample.class);

    @Test
    void shouldSendCorruptBytesToDeadLettersAndKeepConsuming() throws Exception {
        String prefix = TestKafka.uniquePrefix("dead-letters");
        ServiceConfig config =
                new TestServiceConfig(
                        Map.of(
                                "bootstrap.servers",
                                TestKafka.bootstrapServers(),
                                "topic.prefix",
                                prefix));
        String source = config.topic(Topics.FUNCTION_SAMPLES).name();
        String deadLetterTopic = config.topic(Topics.DEAD_LETTERS).name();
        try (Admin admin = TestKafka.admin()) {
            new TopicProvisioner(admin, config)
                    .ensure(List.of(Topics.FUNCTION_SAMPLES, Topics.DEAD_LETTERS));
        }
        byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            send(producer, source, serde.serialize(source, sample("first")));
            send(producer, source, garbage);
            send(producer, source, serde.serialize(source, sample("second")));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeadLetterPublisher publisher =
                new DeadLetterPublisher(deadLetterTopic, "test-instance", registry);
        RecordDecoder<FunctionSample> decoder = new RecordDecoder<>(serde, publisher);
        List<String> decoded = new ArrayList<>();

        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(TestKafka.consumerProperties());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(TestKafka.producerProperties())) {
            consumer.subscribe(List.of(source));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (ConsumerRecord<byte[], byte[]> record :
                                        consumer.poll(Duration.ofMillis(100))) {
                                    Optional<FunctionSample> value =
                                            decoder.decode(record, producer);
                                    value.ifPresent(sample -> decoded.add(sample.getFunction()));
                                }
                                return decoded.size() == 2;
                            });
        }

        assertThat(decoded).containsExactly("first", "second");
        assertThat(publisher.total()).isEqualTo(1.0);
        ConsumerRecord<byte[], byte[]> deadLetter = readOne(deadLetterTopic);
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(deadLetter.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.SOURCE_TOPIC_HEADER))
                .isEqualTo(source);
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.SOURCE_PARTITION_HEADER))
                .isEqualTo("0");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.SOURCE_OFFSET_HEADER))
                .isEqualTo("1");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR_CLASS_HEADER))
                .isEqualTo("dev.codepulse.schemas.serde.EventSerdeException");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR_MESSAGE_HEADER))
                .contains("single-object marker");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.FAILED_BY_HEADER))
                .isEqualTo("test-instance");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8), value))
                .get();
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(TestKafka.consumerProperties())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                                return !records.isEmpty();
                            });
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static FunctionSample sample(String function) {
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        return FunctionSample.newBuilder()
                .setFunction(function)
                .setInstance("worker-1")
                .setIntervalStart(start)
                .setIntervalEnd(start.plusSeconds(10))
                .setCount(1)
                .setErrors(0)
                .setSumWallNanos(1_000)
                .setMinWallNanos(1_000)
                .setMaxWallNanos(1_000)
                .setCpuNanos(900)
                .setAllocatedBytes(64)
                .setLatencySketch(ByteBuffer.wrap(Sketches.encode(Sketches.newSketch())))
                .build();
    }
}
