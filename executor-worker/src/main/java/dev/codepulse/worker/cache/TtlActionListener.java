package dev.codepulse.worker.cache;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.worker.cache.internals.TtlActions;
import dev.codepulse.worker.cache.internals.TtlActions.Replay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code cache-ttl} actions from the {@code optimizer-actions} topic to a {@link
 * ResultCache} and acknowledges each on the same topic.
 *
 * <p>Every worker reads the whole topic with its own consumer, without a consumer group. At start
 * it reads from the beginning to the end offsets of that moment and sets each language to the TTL a
 * worker running all along would have: the latest requested value within its bounds (see {@link
 * Replay}). Then it follows new records. For each REQUESTED action of type {@code cache-ttl}
 * (parameter {@code cache.ttl.ms}, target a language id, newValue in milliseconds) it calls {@link
 * ResultCache#setTtl}, which applies the value only within the worker's bounds, and publishes an
 * acknowledgement with the same id and key, status APPLIED or REJECTED with the reason, and
 * issuedBy set to this worker's instance id.
 *
 * <p>A record that does not decode is logged at WARN with its topic, partition and offset, counted
 * in {@code codepulse.cache.ttl.actions.skipped}, and skipped. It is not sent to dead letters:
 * every worker reads every record, so each would send the same dead letter.
 *
 * <p>Lifecycle: construct, {@link #start()}, optionally {@link #awaitReplay} before taking work,
 * and {@link #close()}.
 */
public final class TtlActionListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TtlActionListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ResultCache cache;
    private final String instanceId;
    private final String topic;
    private final EventSerdes serdes;
    private final Serde<OptimizerAction> serde;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final Counter skipped;
    private final CountDownLatch replayed = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;
    private volatile boolean closed;

    /**
     * Creates the listener and its Kafka clients from the service configuration: the bootstrap
     * servers, the topic prefix, the serde settings, the instance id and the {@code kafka.*}
     * pass-through properties. It does not read anything until {@link #start()}.
     */
    public TtlActionListener(ServiceConfig config, ResultCache cache, MeterRegistry registry) {
        Objects.requireNonNull(config, "config can't be null");
        this.cache = Objects.requireNonNull(cache, "cache can't be null");
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
        this.instanceId = config.instanceId();
        Topic<String, OptimizerAction> actions = config.topic(Topics.OPTIMIZER_ACTIONS);
        this.topic = actions.name();
        this.serdes = config.eventSerdes();
        this.serde = actions.valueSerde(serdes);
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
        this.producer = new KafkaProducer<>(producerProperties(config));
        this.skipped =
                Counter.builder("codepulse.cache.ttl.actions.skipped")
                        .description("Optimizer action records that did not decode")
                        .register(registry);
    }

    /**
     * Starts reading on a daemon thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("The TTL action listener can be started only once");
        }
        thread = new Thread(this::run, "cache-ttl-actions");
        thread.setDaemon(true);
        thread.start();
        log.info("TTL action listener started topic={} instanceId={}", topic, instanceId);
    }

    /**
     * Waits until the actions present at start have been applied; returns false when {@code
     * timeout} passed first or the thread was interrupted (with its flag restored).
     */
    public boolean awaitReplay(Duration timeout) {
        try {
            return replayed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading, waits for the thread, and closes the Kafka clients. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        stopping.countDown();
        if (running == null) {
            consumer.close();
        } else {
            consumer.wakeup();
            try {
                running.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(CLOSE_TIMEOUT);
        serdes.close();
        log.info("TTL action listener closed topic={}", topic);
    }

    private void run() {
        try (consumer) {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            replay(consumer.endOffsets(partitions));
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    decode(record).filter(TtlActions::isRequest).ifPresent(this::handle);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                log.error("TTL action listener stopped by an unexpected wakeup topic={}", topic, e);
            }
        } catch (RuntimeException e) {
            log.error(
                    "TTL action listener stopped; TTL changes are no longer applied topic={}",
                    topic,
                    e);
        }
    }

    private void replay(Map<TopicPartition, Long> endOffsets) {
        Replay replay = new Replay(instanceId);
        long records = 0;
        while (!closed && !caughtUp(endOffsets)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                records++;
                decode(record).ifPresent(replay::offer);
            }
        }
        List<Replay.Decision> decisions = replay.decisions();
        decisions.forEach(this::applyAtStart);
        replayed.countDown();
        log.info(
                "TTL actions replayed topic={} records={} languages={} ttls={}",
                topic,
                records,
                decisions.size(),
                cache.languageTtls());
    }

    // Tries the values newest first and keeps the first within bounds: the TTL a worker running
    // all along would have. The latest request is acknowledged unless this instance already did.
    private void applyAtStart(Replay.Decision decision) {
        TtlUpdate newest = null;
        for (OptimizerAction candidate : decision.newestFirst()) {
            TtlUpdate update = TtlActions.apply(candidate, cache);
            if (newest == null) {
                newest = update;
                logRejection(candidate, update);
            }
            if (update.applied()) {
                break;
            }
        }
        if (decision.toAcknowledge() != null) {
            count(newest);
            publish(
                    TtlActions.acknowledgement(
                            decision.toAcknowledge(), newest, instanceId, Instant.now()));
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void handle(OptimizerAction request) {
        TtlUpdate update = TtlActions.apply(request, cache);
        logRejection(request, update);
        count(update);
        publish(TtlActions.acknowledgement(request, update, instanceId, Instant.now()));
    }

    private void count(TtlUpdate update) {
        Counter.builder("codepulse.cache.ttl.actions")
                .description("cache-ttl optimizer requests acknowledged, by status")
                .tag("status", update.applied() ? "applied" : "rejected")
                .register(registry)
                .increment();
    }

    private static void logRejection(OptimizerAction action, TtlUpdate update) {
        if (!update.applied()) {
            log.info(
                    "TTL action rejected id={} language={} requestedMs={} reason={}",
                    action.getId(),
                    action.getTarget(),
                    action.getNewValue(),
                    update.reason());
        }
    }

    private void publish(OptimizerAction ack) {
        try {
            byte[] value = serde.serializer().serialize(topic, ack);
            producer.send(
                    new ProducerRecord<>(topic, ack.getTarget(), value),
                    (metadata, error) -> {
                        if (error != null) {
                            log.warn(
                                    "Failed to publish a TTL action acknowledgement id={}"
                                            + " status={} topic={} error={}",
                                    ack.getId(),
                                    ack.getStatus(),
                                    topic,
                                    error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn(
                    "Failed to publish a TTL action acknowledgement id={} topic={} error={}",
                    ack.getId(),
                    topic,
                    e.toString());
        }
    }

    private Optional<OptimizerAction> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            // A tombstone deletes the target's history on the compacted topic; nothing to apply.
            return Optional.empty();
        }
        try {
            return Optional.of(serde.deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            skipped.increment();
            log.warn(
                    "Skipped an optimizer action that does not decode topic={} partition={}"
                            + " offset={} error={}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return Optional.empty();
        }
    }

    // Returns the partitions of the topic, waiting while it does not exist; empty once closed.
    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (!closed) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (!warned) {
                log.warn("Topic not found, waiting for it topic={}", topic);
                warned = true;
            }
            try {
                stopping.await(TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private Map<String, Object> consumerProperties(ServiceConfig config) {
        Map<String, Object> properties = new HashMap<>(config.clientProperties(Map.of()));
        // A per-instance reader: no group, no commits, every record from the beginning.
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The services create their topics with the right settings (compaction for this one);
        // a consumer must never create it with the broker's defaults.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-cache-ttl-actions");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties(ServiceConfig config) {
        Map<String, Object> properties = new HashMap<>(config.clientProperties(Map.of()));
        // Acknowledgements are independent records, never part of the worker's transactions.
        properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-cache-ttl-acks");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
