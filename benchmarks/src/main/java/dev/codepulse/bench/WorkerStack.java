package dev.codepulse.bench;

import dev.codepulse.localstack.EmbeddedKafka;
import dev.codepulse.localstack.RedisServer;
import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.WorkerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * An embedded Kafka broker and a {@code redis-server} child process, both started by the benchmark
 * itself on 127.0.0.1, and the executor workers the worker benchmarks run on them.
 */
final class WorkerStack implements AutoCloseable {
    private static final Duration GROUP_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedKafka kafka;
    private final RedisServer redis;
    private final Admin admin;

    private WorkerStack(EmbeddedKafka kafka, RedisServer redis) {
        this.kafka = kafka;
        this.redis = redis;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()));
    }

    /** Starts the broker and Redis (256 MiB, allkeys-lru). */
    static WorkerStack start() {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        try {
            return new WorkerStack(kafka, RedisServer.start(RedisServer.Options.defaults()));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Returns the configuration of a worker with its own topic prefix and consumer group ({@code
     * PREFIX + "workers"}), on this broker and Redis, without an HTTP endpoint or periodic summary
     * logs. {@code overrides} win.
     *
     * @param firstUid first sandbox uid; give each worker of one JVM its own range
     */
    Map<String, Object> workerConfig(
            String prefix, String instanceId, int firstUid, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(WorkerConfig.TOPIC_PREFIX_CONFIG, prefix);
        config.put(WorkerConfig.TOPIC_PARTITIONS_CONFIG, "2");
        config.put(WorkerConfig.INSTANCE_ID_CONFIG, instanceId);
        config.put(WorkerConfig.HTTP_PORT_CONFIG, "-1");
        config.put(WorkerConfig.WORKER_GROUP_ID_CONFIG, groupId(prefix));
        config.put("executor.slots", "2");
        config.put("sandbox.uid.first", Integer.toString(firstUid));
        config.put("sandbox.uid.count", "100");
        config.put("cache.redis.url", redis.url());
        config.put("cache.summary.interval.ms", "0");
        config.put("profiler.summary.interval.ms", "0");
        config.putAll(overrides);
        return config;
    }

    /** Starts a worker and waits until its consumer group is stable with partitions assigned. */
    ExecutorWorker startWorker(Map<String, Object> config) throws InterruptedException {
        WorkerConfig workerConfig = new WorkerConfig(config);
        ExecutorWorker worker = ExecutorWorker.start(workerConfig);
        try {
            awaitStableGroup(workerConfig.getString(WorkerConfig.WORKER_GROUP_ID_CONFIG));
        } catch (RuntimeException | InterruptedException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    static String groupId(String prefix) {
        return prefix + "workers";
    }

    // Posting before the group is stable would time the group join as well.
    private void awaitStableGroup(String groupId) throws InterruptedException {
        long deadline = System.nanoTime() + GROUP_TIMEOUT.toNanos();
        while (!isStable(groupId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Timed out after "
                                + GROUP_TIMEOUT
                                + " waiting for consumer group "
                                + groupId
                                + " to become stable with partitions assigned");
            }
            Thread.sleep(100);
        }
    }

    private boolean isStable(String groupId) throws InterruptedException {
        ConsumerGroupDescription description;
        try {
            description =
                    admin.describeConsumerGroups(List.of(groupId))
                            .describedGroups()
                            .get(groupId)
                            .get();
        } catch (ExecutionException e) {
            // The group does not exist until the worker's consumer joins.
            return false;
        }
        return description.groupState() == GroupState.STABLE
                && !description.members().isEmpty()
                && description.members().stream()
                        .noneMatch(member -> member.assignment().topicPartitions().isEmpty());
    }

    @Override
    public void close() {
        admin.close();
        redis.close();
        kafka.close();
    }
}
