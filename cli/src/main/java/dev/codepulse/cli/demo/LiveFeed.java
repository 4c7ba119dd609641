package dev.codepulse.cli.demo;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads every output topic of the pipeline into a {@link LiveState}, from its own thread. */
final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventSerdes serdes = EventSerdes.singleObject();
    private final LiveState state;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    LiveFeed(String bootstrapServers, LiveState state) {
        this.state = state;
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                        "codepulse-demo-view-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "demo-live-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        consumer.subscribe(
                List.of(
                        Topics.EXECUTION_REPORTS.name(),
                        Topics.LANGUAGE_STATS.name(),
                        Topics.FUNCTION_STATS.name(),
                        Topics.RECOMMENDATIONS.name(),
                        Topics.SYSTEM_HEALTH.name(),
                        Topics.OPTIMIZER_ACTIONS.name()));
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // close() stops the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            String topic = record.topic();
            if (topic.equals(Topics.EXECUTION_REPORTS.name())) {
                state.report(decode(ExecutionReport.class, record));
            } else if (topic.equals(Topics.LANGUAGE_STATS.name())) {
                state.languageStats(decode(LanguageStats.class, record));
            } else if (topic.equals(Topics.FUNCTION_STATS.name())) {
                state.functionStats(decode(FunctionStats.class, record));
            } else if (topic.equals(Topics.RECOMMENDATIONS.name())) {
                state.recommendation(decode(Recommendation.class, record));
            } else if (topic.equals(Topics.SYSTEM_HEALTH.name())) {
                state.health(decode(HealthScore.class, record));
            } else if (topic.equals(Topics.OPTIMIZER_ACTIONS.name())) {
                state.action(decode(OptimizerAction.class, record));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Skipped a record the live view cannot read topic={} offset={}",
                    record.topic(),
                    record.offset(),
                    e);
        }
    }

    private <T extends org.apache.avro.specific.SpecificRecord> T decode(
            Class<T> type, ConsumerRecord<byte[], byte[]> record) {
        return serdes.serde(type).deserialize(record.topic(), record.value());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
