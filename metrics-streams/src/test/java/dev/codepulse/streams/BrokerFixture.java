package dev.codepulse.streams;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Configuration, producing, consuming and HTTP helpers for tests against the real broker. */
final class BrokerFixture {
    static final EventSerdes SERDES = EventSerdes.singleObject();

    private BrokerFixture() {}

    /** Returns a configuration on the test broker with its own topic prefix and application id. */
    static MetricsStreamsConfig config(
            String prefix, Path stateDir, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put(MetricsStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        settings.put(MetricsStreamsConfig.TOPIC_PREFIX_CONFIG, prefix);
        settings.put(MetricsStreamsConfig.TOPIC_PARTITIONS_CONFIG, "2");
        settings.put(MetricsStreamsConfig.APPLICATION_ID_CONFIG, prefix + "metrics");
        settings.put(MetricsStreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(MetricsStreamsConfig.HTTP_PORT_CONFIG, "0");
        settings.put(MetricsStreamsConfig.INSTANCE_ID_CONFIG, "it-instance");
        settings.put("kafka.session.timeout.ms", "10000");
        settings.putAll(overrides);
        return new MetricsStreamsConfig(settings);
    }

    /** Sends records to one partition and waits until the broker acknowledges them. */
    static void send(String topic, int partition, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                partition,
                                record.timestamp(),
                                record.key(),
                                record.value()));
            }
            producer.flush();
        }
    }

    /** Returns a report record with the given timestamp. */
    static ProducerRecord<byte[], byte[]> report(ExecutionReport report, long timestampMs) {
        return new ProducerRecord<>(
                "",
                null,
                timestampMs,
                report.getSubmissionId().getBytes(),
                SERDES.serde(ExecutionReport.class).serialize("", report));
    }

    /** Returns a consumer of committed records of one topic, from the start. */
    static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties properties = TestKafka.consumerProperties();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls once and adds what arrived. */
    static void pollInto(
            KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> records) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }

    /** Returns the name of a prefixed topic. */
    static String topic(String prefix, dev.codepulse.schemas.Topic<?, ?> topic) {
        return topic.withPrefix(prefix).name();
    }

    /** Returns the dead-letters topic of a prefix. */
    static String deadLetters(String prefix) {
        return topic(prefix, Topics.DEAD_LETTERS);
    }

    /** Sends a GET request to the service and returns the response. */
    static HttpResponse<String> get(MetricsStreamsService service, String pathAndQuery)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + service.httpPort() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Returns a mutable list, for records collected by polls. */
    static <T> List<T> collected() {
        return new ArrayList<>();
    }
}
