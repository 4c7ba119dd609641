package dev.codepulse.worker.pipeline;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.profiler.Span;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's consume-execute-produce loop with exactly-once delivery.
 *
 * <p>One loop thread polls submissions and hands each to one of {@code slots} execution threads.
 * Submissions finish in any order; every commit interval the loop publishes, in one Kafka
 * transaction, the reports of each partition's completed prefix together with the offsets after it.
 * A report therefore becomes visible to {@code read_committed} readers exactly when its
 * submission's offset is committed: a crash or rebalance loses nothing and duplicates nothing.
 *
 * <p>A record that cannot be decoded is published to dead-letters in the same transaction.
 */
public final class SubmissionPipeline implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubmissionPipeline.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    // While fetching is paused, a poll only serves the group protocol; short polls let the loop
    // pick up finished submissions and commit them on time instead of 50 ms late.
    private static final Duration PAUSED_POLL_TIMEOUT = Duration.ofMillis(2);
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String submissionsTopic;
    private final String reportsTopic;
    private final AvroSerde<Submission> submissionSerde;
    private final AvroSerde<ExecutionReport> reportSerde;
    private final SubmissionHandler handler;
    private final FallbackReports fallbackReports;
    private final DeadLetterPublisher deadLetters;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics;
    private final PipelineTimers timers;
    private final ExecutorService slots;

    private final Map<TopicPartition, PartitionProgress<Outcome>> progress = new HashMap<>();
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object stopped = new Object();
    private boolean finished;
    private Batch unpublished;
    private int failedCommits;
    private long lastCommitNanos = System.nanoTime();
    private long lastSummaryNanos = System.nanoTime();

    private record Completion(
            TopicPartition partition,
            PartitionProgress<Outcome> owner,
            long offset,
            Outcome outcome) {}

    /** Reports and offsets that must be published together. */
    private record Batch(List<Outcome> outcomes, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Batch merge(Batch later) {
            List<Outcome> all = new ArrayList<>(outcomes);
            all.addAll(later.outcomes);
            Map<TopicPartition, OffsetAndMetadata> merged = new HashMap<>(offsets);
            merged.putAll(later.offsets);
            return new Batch(all, merged);
        }
    }

    /** Everything the pipeline needs; the caller owns configuration and client creation. */
    public record Dependencies(
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            String submissionsTopic,
            String reportsTopic,
            AvroSerde<Submission> submissionSerde,
            AvroSerde<ExecutionReport> reportSerde,
            SubmissionHandler handler,
            FallbackReports fallbackReports,
            DeadLetterPublisher deadLetters,
            PipelineMetrics metrics,
            PipelineTimers timers) {}

    /**
     * Creates the loop; the producer must be transactional and not yet initialised, and the
     * consumer must not commit automatically.
     */
    public SubmissionPipeline(Dependencies dependencies, PipelineSettings settings) {
        this.consumer = Objects.requireNonNull(dependencies.consumer(), "consumer can't be null");
        this.producer = Objects.requireNonNull(dependencies.producer(), "producer can't be null");
        this.submissionsTopic = dependencies.submissionsTopic();
        this.reportsTopic = dependencies.reportsTopic();
        this.submissionSerde = dependencies.submissionSerde();
        this.reportSerde = dependencies.reportSerde();
        this.handler = dependencies.handler();
        this.fallbackReports = dependencies.fallbackReports();
        this.deadLetters = dependencies.deadLetters();
        this.metrics = dependencies.metrics();
        this.timers = Objects.requireNonNull(dependencies.timers(), "timers can't be null");
        this.settings = Objects.requireNonNull(settings, "settings can't be null");
        AtomicInteger threadNumber = new AtomicInteger();
        this.slots =
                Executors.newFixedThreadPool(
                        settings.slots(),
                        runnable ->
                                new Thread(
                                        runnable,
                                        "execution-slot-" + threadNumber.incrementAndGet()));
        metrics.bindInFlight(inFlight);
    }

    /** Runs the loop on the calling thread until {@link #close()} or a fatal error. */
    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(submissionsTopic), new Rebalancing());
            log.info(
                    "Submission pipeline started topic={} slots={} maxInFlight={} commitIntervalMs={}",
                    submissionsTopic,
                    settings.slots(),
                    settings.maxInFlight(),
                    settings.commitInterval().toMillis());
            while (running.get()) {
                pollOnce(true);
                commitIfDue(false);
                logSummaryIfDue();
            }
            drainInFlight();
        } catch (FatalPipelineException e) {
            log.error(
                    "Submission pipeline stopped after a fatal error; uncommitted submissions will be redelivered",
                    e);
            throw e;
        } finally {
            shutDownClients();
        }
    }

    /**
     * Stops fetching, lets running submissions finish within the shutdown timeout, cancels the rest
     * (their submissions are redelivered to another worker), commits what completed and waits for
     * the loop to end.
     */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        synchronized (stopped) {
            long deadline =
                    System.nanoTime() + settings.shutdownTimeout().plusSeconds(30).toNanos();
            while (!finished && System.nanoTime() < deadline) {
                try {
                    stopped.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Returns the number of submissions fetched and not yet committed. */
    public int inFlight() {
        return inFlight.get();
    }

    private void pollOnce(boolean fetch) {
        Set<TopicPartition> assignment = consumer.assignment();
        boolean paused = !fetch || inFlight.get() >= settings.maxInFlight();
        if (paused) {
            consumer.pause(assignment);
        } else {
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<byte[], byte[]> records;
        try (Span span = timers.poll().start()) {
            records = consumer.poll(paused ? PAUSED_POLL_TIMEOUT : pollTimeout());
        } catch (WakeupException e) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            dispatch(record);
        }
        applyCompletions();
    }

    // With submissions in flight, wait no longer than the next commit, so finished reports are
    // published every commit interval rather than one poll timeout later.
    private Duration pollTimeout() {
        if (inFlight.get() == 0) {
            return POLL_TIMEOUT;
        }
        long untilCommitNanos =
                settings.commitInterval().toNanos() - (System.nanoTime() - lastCommitNanos);
        return Duration.ofNanos(
                Math.max(1_000_000, Math.min(POLL_TIMEOUT.toNanos(), untilCommitNanos)));
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress<Outcome> owner =
                progress.computeIfAbsent(partition, p -> new PartitionProgress<>());
        owner.dispatched(record.offset());
        inFlight.incrementAndGet();
        metrics.consumed();

        Submission submission;
        try (Span span = timers.decode().start()) {
            submission = decode(record, span);
        } catch (RuntimeException e) {
            completions.add(
                    new Completion(
                            partition, owner, record.offset(), new Outcome.DeadLetter(record, e)));
            return;
        }
        slots.execute(() -> execute(partition, owner, submission, record.offset()));
    }

    private Submission decode(ConsumerRecord<byte[], byte[]> record, Span span) {
        try {
            Submission submission = submissionSerde.deserialize(record.topic(), record.value());
            if (submission == null) {
                throw new IllegalArgumentException("Record has no value (tombstone)");
            }
            return submission;
        } catch (RuntimeException e) {
            span.markError();
            throw e;
        }
    }

    private void execute(
            TopicPartition partition,
            PartitionProgress<Outcome> owner,
            Submission submission,
            long offset) {
        RecordContext context =
                new RecordContext(partition.topic(), partition.partition(), offset, Instant.now());
        ExecutionReport report;
        try {
            report = handler.handle(submission, context);
        } catch (InterruptedException e) {
            // Cancelled by shutdown or rebalance: no outcome, so the offset is never committed
            // and the submission is redelivered.
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error e) {
            log.error(
                    "Execution failed inside the worker submissionId={} partition={} offset={}",
                    submission.getId(),
                    context.partition(),
                    context.offset(),
                    e);
            report = fallbackReports.internalError(submission, context, "Worker failure: " + e);
        }
        completions.add(
                new Completion(partition, owner, context.offset(), new Outcome.Report(report)));
    }

    private void applyCompletions() {
        for (Completion completion = completions.poll();
                completion != null;
                completion = completions.poll()) {
            PartitionProgress<Outcome> current = progress.get(completion.partition());
            if (current != completion.owner()
                    || !current.complete(completion.offset(), completion.outcome())) {
                // The partition was revoked while the submission ran; its new owner runs it again.
                metrics.abandoned();
            }
        }
    }

    private void commitIfDue(boolean force) {
        boolean due = System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos();
        if (!force && !due) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        commit(progress.keySet());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Batch ready = drain(partitions);
        Batch batch =
                unpublished == null
                        ? ready
                        : ready == null ? unpublished : unpublished.merge(ready);
        if (batch == null) {
            return;
        }
        try {
            timers.publish().run(() -> publish(batch));
            unpublished = null;
            failedCommits = 0;
            inFlight.addAndGet(-batch.outcomes().size());
        } catch (ProducerFencedException
                | InvalidProducerEpochException
                | OutOfOrderSequenceException
                | AuthorizationException e) {
            throw new FatalPipelineException(
                    "Transactional producer can no longer commit: " + e, e);
        } catch (KafkaException e) {
            abortQuietly();
            unpublished = batch;
            failedCommits++;
            metrics.abortedTransaction();
            log.warn(
                    "Transaction aborted, will retry reports={} attempt={} maxAttempts={}",
                    batch.outcomes().size(),
                    failedCommits,
                    settings.maxCommitAttempts(),
                    e);
            if (failedCommits >= settings.maxCommitAttempts()) {
                throw new FatalPipelineException(
                        "Failed to commit a transaction "
                                + failedCommits
                                + " times in a row; last error: "
                                + e,
                        e);
            }
        }
    }

    private Batch drain(Collection<TopicPartition> partitions) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress<Outcome> owner = progress.get(partition);
            PartitionProgress.Drained<Outcome> drained = owner == null ? null : owner.drain();
            if (drained != null) {
                outcomes.addAll(drained.results());
                offsets.put(partition, new OffsetAndMetadata(drained.nextOffset()));
            }
        }
        return outcomes.isEmpty() ? null : new Batch(outcomes, offsets);
    }

    private void publish(Batch batch) {
        long startedNanos = System.nanoTime();
        producer.beginTransaction();
        for (Outcome outcome : batch.outcomes()) {
            if (outcome instanceof Outcome.Report report) {
                ExecutionReport value = report.report();
                producer.send(
                        new ProducerRecord<>(
                                reportsTopic,
                                value.getSubmissionId().getBytes(StandardCharsets.UTF_8),
                                reportSerde.serialize(reportsTopic, value)));
                metrics.published(value);
            } else if (outcome instanceof Outcome.DeadLetter deadLetter) {
                deadLetters.publish(producer, deadLetter.record(), deadLetter.error());
            }
        }
        producer.sendOffsetsToTransaction(batch.offsets(), consumer.groupMetadata());
        producer.commitTransaction();
        metrics.committedTransaction(System.nanoTime() - startedNanos);
        log.debug(
                "Committed transaction outcomes={} offsets={}",
                batch.outcomes().size(),
                batch.offsets());
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("Failed to abort transaction", e);
        }
    }

    private void drainInFlight() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        log.info(
                "Submission pipeline stopping inFlight={} shutdownTimeoutMs={}",
                inFlight.get(),
                settings.shutdownTimeout().toMillis());
        slots.shutdown();
        while (!slots.isTerminated() && System.nanoTime() < deadline) {
            pollOnce(false);
            commitIfDue(false);
            awaitSlots(Duration.ofMillis(50));
        }
        if (!slots.isTerminated()) {
            List<Runnable> neverStarted = slots.shutdownNow();
            log.warn(
                    "Cancelled running submissions at shutdown; they will be redelivered cancelled={} queued={}",
                    settings.slots(),
                    neverStarted.size());
            awaitSlots(Duration.ofSeconds(10));
        }
        applyCompletions();
        commit(progress.keySet());
    }

    private void awaitSlots(Duration timeout) {
        try {
            slots.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDownClients() {
        slots.shutdownNow();
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Failed to close consumer cleanly", e);
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Failed to close producer cleanly", e);
        }
        log.info("Submission pipeline stopped {}", metrics.summary());
        synchronized (stopped) {
            finished = true;
            stopped.notifyAll();
        }
    }

    private void logSummaryIfDue() {
        if (System.nanoTime() - lastSummaryNanos >= SUMMARY_INTERVAL.toNanos()) {
            lastSummaryNanos = System.nanoTime();
            log.info(
                    "Submission pipeline progress inFlight={} {}",
                    inFlight.get(),
                    metrics.summary());
        }
    }

    /** Commits finished work of revoked partitions and forgets the rest. */
    private final class Rebalancing implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            applyCompletions();
            commit(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another worker owns them already; anything not committed is redone there.
            if (unpublished != null) {
                inFlight.addAndGet(-unpublished.outcomes().size());
                unpublished = null;
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Partitions assigned partitions={}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                PartitionProgress<Outcome> dropped = progress.remove(partition);
                if (dropped != null && dropped.pending() > 0) {
                    inFlight.addAndGet(-dropped.pending());
                    log.info(
                            "Partition revoked with running submissions partition={} abandoned={}",
                            partition,
                            dropped.pending());
                }
            }
        }
    }
}
