package dev.codepulse.optimizer.internals;

import dev.codepulse.common.CodepulseException;
import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.OptimizerException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the evaluator input topic: one partition, so one task receives every aggregate of a
 * window. Records are kept 7 days, long enough to survive an outage of the optimizer.
 */
public final class EvaluatorTopic {
    private static final Logger log = LoggerFactory.getLogger(EvaluatorTopic.class);
    private static final long TIMEOUT_MS = 30_000;
    private static final long RETRY_BACKOFF_MS = 100;
    private static final String RETENTION_MS = Long.toString(7L * 24 * 60 * 60 * 1000);

    private EvaluatorTopic() {}

    /**
     * Creates the topic when missing and checks that it has exactly one partition.
     *
     * @throws OptimizerException if the topic has more than one partition
     * @throws CodepulseException if the broker does not respond in time or refuses the topic
     */
    public static void ensure(Admin admin, OptimizerConfig config) {
        String name = config.evaluatorInputTopic();
        short factor = config.getShort(ServiceConfig.TOPIC_REPLICATION_FACTOR_CONFIG);
        NewTopic topic =
                new NewTopic(
                                name,
                                Optional.of(1),
                                factor == -1 ? Optional.empty() : Optional.of(factor))
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, RETENTION_MS));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            log.info("Created evaluator input topic topic={} partitions=1", name);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new CodepulseException(
                        "Failed to create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new CodepulseException(
                    "Timed out after " + TIMEOUT_MS + " ms creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodepulseException("Interrupted while creating topic " + name, e);
        }
        checkSinglePartition(admin, name);
    }

    // A topic just created may not be in the broker's metadata yet, so describing it retries
    // UnknownTopicOrPartitionException until the deadline.
    private static void checkSinglePartition(Admin admin, String name) {
        long deadlineMs = System.currentTimeMillis() + TIMEOUT_MS;
        TopicDescription description = null;
        while (description == null) {
            try {
                description =
                        admin.describeTopics(List.of(name))
                                .allTopicNames()
                                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                                .get(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() > deadlineMs) {
                    throw new CodepulseException(
                            "Failed to describe topic " + name + ": " + e.getCause(), e);
                }
                pause(name);
            } catch (TimeoutException e) {
                throw new CodepulseException(
                        "Timed out after " + TIMEOUT_MS + " ms describing topic " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodepulseException("Interrupted while describing topic " + name, e);
            }
        }
        int partitions = description.partitions().size();
        if (partitions != 1) {
            throw new OptimizerException(
                    "Topic "
                            + name
                            + " has "
                            + partitions
                            + " partitions; the optimizer needs exactly 1 so that one evaluator"
                            + " sees every window. Delete it to have it created again.");
        }
    }

    private static void pause(String name) {
        try {
            Thread.sleep(RETRY_BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodepulseException("Interrupted while describing topic " + name, e);
        }
    }
}
