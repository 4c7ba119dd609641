package dev.codepulse.testsupport;

import dev.codepulse.localstack.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one broker of this test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Tests share it, so each test isolates itself with its own topic prefix ({@link
 * #uniquePrefix(String)}), consumer groups and transactional ids.
 */
public final class TestKafka {
    private static String bootstrapServers;

    private TestKafka() {}

    /** Returns the broker address, starting the broker on first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    /** Returns a topic prefix no other test uses, such as {@code worker-it-3f2a9c1b.}. */
    public static String uniquePrefix(String testName) {
        return testName + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** Returns an admin client for the shared broker; the caller closes it. */
    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates topics on the shared broker and waits until every partition has a leader, because an
     * idempotent producer that writes before that can stall on out-of-order sequence errors.
     */
    public static void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            List<String> names = topics.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!haveLeaders(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Topics " + names + " have no leader after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Failed to create topics " + topics + ": " + e, e);
        }
    }

    private static boolean haveLeaders(Admin admin, List<String> names) {
        try {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            return descriptions.values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(
                            partition ->
                                    partition.leader() != null && !partition.leader().isEmpty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Returns producer properties with the shared broker and byte-array serializers. */
    public static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        properties.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        return properties;
    }

    /**
     * Returns consumer properties with the shared broker, a new group, reading from the earliest
     * offset and only committed transactional records.
     */
    public static Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return properties;
    }

    private static String start() {
        if (TestInfrastructure.kind() == TestInfrastructure.Kind.CONTAINERS) {
            KafkaContainer container = Containers.startKafka();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
            return container.getBootstrapServers();
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        return kafka.bootstrapServers();
    }
}
