package dev.codepulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    @Test
    void shouldServeTransactionalProduceAndConsumeThenDeleteItsData() throws Exception {
        Path directory;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults())) {
            directory = kafka.dataDirectory();
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("greetings", 2, (short) 1))).all().get();
                assertThat(awaitTopicNames(admin, "greetings")).contains("greetings");
            }

            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(
                            Map.of(
                                    "bootstrap.servers",
                                    kafka.bootstrapServers(),
                                    "transactional.id",
                                    "embedded-kafka-it"),
                            new StringSerializer(),
                            new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("greetings", "k", "hello"));
                producer.commitTransaction();
            }

            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    "bootstrap.servers", kafka.bootstrapServers(),
                                    "group.id", "embedded-kafka-it",
                                    "auto.offset.reset", "earliest",
                                    "isolation.level", "read_committed"),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                consumer.subscribe(Set.of("greetings"));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record :
                            consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                }
                assertThat(values).containsExactly("hello");
            }
        }

        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void shouldKeepGivenDataDirectoryAcrossRestarts() throws Exception {
        Path directory = Files.createTempDirectory("embedded-kafka-it-");
        EmbeddedKafka.Options options =
                EmbeddedKafka.Options.defaults().withDataDirectory(directory);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(options);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(awaitTopicNames(admin, "kept")).contains("kept");
        }

        assertThat(Files.exists(directory.resolve("metadata").resolve("meta.properties"))).isTrue();
    }

    // A created topic reaches the broker's metadata cache shortly after the controller confirms it.
    private static Set<String> awaitTopicNames(Admin admin, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> names = admin.listTopics().names().get();
        while (!names.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            names = admin.listTopics().names().get();
        }
        return names;
    }
}
