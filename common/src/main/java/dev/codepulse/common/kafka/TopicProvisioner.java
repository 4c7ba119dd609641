package dev.codepulse.common.kafka;

import dev.codepulse.common.CodepulseException;
import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a service's topics at start when they are missing, with partitions, replication and
 * per-topic settings from configuration. Idempotent: existing topics are left unchanged, and a
 * topic with fewer partitions than configured is reported, not altered.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // Topics holding the latest state per key are compacted: consumers that start late (a new
    // worker reading optimizer actions, a dashboard reading recommendations) see every key.
    private static final Set<String> COMPACTED =
            Set.of(
                    Topics.RECOMMENDATIONS.name(),
                    Topics.SYSTEM_HEALTH.name(),
                    Topics.OPTIMIZER_ACTIONS.name());

    private final Admin admin;
    private final ServiceConfig config;
    private final int partitions;
    private final Optional<Short> replicationFactor;

    public TopicProvisioner(Admin admin, ServiceConfig config) {
        this.admin = admin;
        this.config = config;
        this.partitions = config.getInt(ServiceConfig.TOPIC_PARTITIONS_CONFIG);
        short factor = config.getShort(ServiceConfig.TOPIC_REPLICATION_FACTOR_CONFIG);
        this.replicationFactor = factor == -1 ? Optional.empty() : Optional.of(factor);
    }

    /**
     * Creates the missing topics among {@code topics}, under the configured prefix, and waits until
     * the broker confirms.
     *
     * @param topics topics from {@link Topics}, without prefix
     * @throws CodepulseException if the broker does not answer in time or refuses a topic
     */
    public void ensure(Collection<Topic<?, ?>> topics) {
        List<NewTopic> requested = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            NewTopic newTopic =
                    new NewTopic(
                            config.topic(topic).name(), Optional.of(partitions), replicationFactor);
            if (COMPACTED.contains(topic.name())) {
                newTopic.configs(
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            requested.add(newTopic);
        }
        List<String> created = createMissing(requested);
        awaitLeaders(created);
        // Only topics that existed before can have too few partitions; new ones may not be in
        // the broker's metadata yet.
        checkPartitions(
                requested.stream().filter(topic -> !created.contains(topic.name())).toList());
    }

    private List<String> createMissing(List<NewTopic> requested) {
        Map<String, org.apache.kafka.common.KafkaFuture<Void>> results =
                admin.createTopics(requested).values();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result :
                results.entrySet()) {
            try {
                result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CodepulseException(
                            "Failed to create topic " + result.getKey() + ": " + e.getCause(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new CodepulseException(
                        "Timed out after "
                                + TIMEOUT.toSeconds()
                                + " s creating topic "
                                + result.getKey()
                                + "; check bootstrap.servers and that the broker is up",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodepulseException(
                        "Interrupted while creating topic " + result.getKey(), e);
            }
        }
        if (!created.isEmpty()) {
            log.info("Created topics topics={} partitions={}", created, partitions);
        }
        return created;
    }

    // A producer that writes to a partition before its leader is ready gets NOT_LEADER_OR_FOLLOWER,
    // and an idempotent producer's retries can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER. So a
    // service uses its new topics only once every partition has a leader.
    private void awaitLeaders(List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (haveLeaders(created)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodepulseException(
                        "Interrupted while waiting for leaders of topics " + created, e);
            }
        }
        throw new CodepulseException(
                "Created topics "
                        + created
                        + " but not every partition had a leader within "
                        + TIMEOUT.toSeconds()
                        + " s; check the broker's logs");
    }

    private boolean haveLeaders(List<String> names) {
        try {
            return admin
                    .describeTopics(names)
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .values()
                    .stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(
                            partition ->
                                    partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodepulseException(
                    "Interrupted while waiting for leaders of topics " + names, e);
        }
    }

    private void checkPartitions(List<NewTopic> existing) {
        if (existing.isEmpty()) {
            return;
        }
        List<String> names = existing.stream().map(NewTopic::name).toList();
        Map<String, TopicDescription> descriptions;
        try {
            descriptions =
                    admin.describeTopics(names)
                            .allTopicNames()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Another service may have created them a moment ago, before the broker's metadata
            // caught up; the check only serves a warning, so skip it.
            log.info(
                    "Partition counts not checked topics={} reason={}",
                    names,
                    e.getCause() == null ? e : e.getCause());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        descriptions.forEach(
                (name, description) -> {
                    int actual = description.partitions().size();
                    if (actual < partitions) {
                        log.warn(
                                "Topic has fewer partitions than configured topic={} partitions={} configured={};"
                                        + " at most {} consumers of one group share its load",
                                name,
                                actual,
                                partitions,
                                actual);
                    }
                });
    }
}
