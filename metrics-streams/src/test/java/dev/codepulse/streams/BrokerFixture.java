package dev.codepulse.streams;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Configuration, producing, consuming and HTTP helpers for tests against the real broker. */
final class BrokerFixture {
    static final EventSerdes SERDES = EventSerdes.singleObject();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Sends records to one partition and waits until the broker acknowledges each of them.
     *
     * @throws IllegalStateException if the broker rejects a record
     */
    static void send(String topic, int partition, List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                acknowledgements.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        partition,
                                        record.timestamp(),
                                        record.key(),
                                        record.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to send a test record to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
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

    /**
     * Polls {@code GET /stats/language?name=LANGUAGE} until the current window satisfies {@code
     * done}, and returns the whole answer.
     */
    static JsonNode awaitCurrentWindow(
            MetricsStreamsService service, String language, Predicate<JsonNode> done) {
        JsonNode[] answer = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            HttpResponse<String> response =
                                    get(service, "/stats/language?name=" + language);
                            if (response.statusCode() != 200) {
                                return false;
                            }
                            answer[0] = JSON.readTree(response.body());
                            JsonNode current = answer[0].get("current");
                            return current != null && !current.isNull() && done.test(current);
                        });
        return answer[0];
    }

    /**
     * Describes how far an application's group has read each partition of a topic, committed offset
     * against end offset, to explain a test that timed out waiting for results.
     */
    static String readProgress(String groupId, String topic) {
        try (Admin admin = TestKafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream()
                    .filter(partition -> partition.topic().equals(topic))
                    .forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable =
                    admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                            .all()
                            .get();
            StringBuilder progress = new StringBuilder();
            ends.forEach(
                    (partition, end) ->
                            progress.append(partition)
                                    .append(" committed=")
                                    .append(committed.get(partition).offset())
                                    .append(" end=")
                                    .append(end.offset())
                                    .append(" lastStable=")
                                    .append(stable.get(partition).offset())
                                    .append("; "));
            return progress.toString();
        } catch (ExecutionException e) {
            return "read progress unknown: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "read progress unknown: interrupted";
        }
    }
}
