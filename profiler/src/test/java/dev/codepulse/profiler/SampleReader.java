package dev.codepulse.profiler;

import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Creates the samples topic and reads every sample back, for the integration tests. */
final class SampleReader {
    private SampleReader() {}

    static void createTopic(String bootstrapServers, String topic)
            throws ExecutionException, InterruptedException {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
    }

    /** Reads the topic from the start until {@code expected} samples arrived. */
    static List<FunctionSample> readAll(String bootstrapServers, String topic, long expected) {
        Properties properties = TestKafka.consumerProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<FunctionSample> samples = new ArrayList<>();
        try (KafkaConsumer<String, FunctionSample> consumer =
                new KafkaConsumer<>(
                        properties,
                        new StringDeserializer(),
                        Topics.FUNCTION_SAMPLES
                                .valueSerde(EventSerdes.singleObject())
                                .deserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (ConsumerRecord<String, FunctionSample> record :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    samples.add(record.value());
                                }
                                return samples.size() >= expected;
                            });
        }
        return samples;
    }
}
