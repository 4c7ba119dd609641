package dev.codepulse.profiler.internals;

import dev.codepulse.schemas.FunctionSample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Hands the samples of each interval to a Kafka producer without waiting for acknowledgements, and
 * keeps at most {@code maxPendingSamples} of them unacknowledged: samples beyond it are dropped and
 * counted.
 *
 * <p>When the producer rejects a sample at once, for example because it waited {@code max.block.ms}
 * for the topic's metadata while the broker is down, the rest of that interval is counted as failed
 * without being sent, so an unreachable broker blocks the flush thread for one {@code max.block.ms}
 * per interval at most.
 */
public final class SamplePublisher implements AutoCloseable {
    private final Producer<String, FunctionSample> producer;
    private final String topic;
    private final int maxPendingSamples;
    private final ProfilerMetrics metrics;

    public SamplePublisher(
            Producer<String, FunctionSample> producer,
            String topic,
            int maxPendingSamples,
            ProfilerMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.maxPendingSamples = maxPendingSamples;
        this.metrics = metrics;
    }

    /** Sends the samples of one interval, keyed by function name. Called by the flush thread. */
    public void publish(long intervalStartMs, long intervalEndMs, List<FunctionSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        IntervalDelivery delivery =
                new IntervalDelivery(
                        topic, intervalStartMs, intervalEndMs, samples.size(), metrics);
        Exception rejection = null;
        for (FunctionSample sample : samples) {
            if (rejection != null) {
                delivery.failed(rejection);
            } else if (metrics.samplesPending() >= maxPendingSamples) {
                delivery.droppedBufferFull();
            } else {
                rejection = send(sample, delivery);
            }
        }
        delivery.seal();
    }

    /** Closes the producer, waiting up to {@code timeout} for pending samples. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        producer.close();
    }

    // Returns the exception when the producer rejected the sample at once, else null.
    private Exception send(FunctionSample sample, IntervalDelivery delivery) {
        metrics.sampleSent();
        Future<RecordMetadata> result;
        try {
            result =
                    producer.send(
                            new ProducerRecord<>(topic, sample.getFunction(), sample),
                            (metadata, exception) -> completed(delivery, exception));
        } catch (RuntimeException e) {
            completed(delivery, e);
            return e;
        }
        return immediateFailure(result);
    }

    private void completed(IntervalDelivery delivery, Exception exception) {
        metrics.sampleSettled();
        if (exception == null) {
            delivery.published();
        } else {
            delivery.failed(exception);
        }
    }

    // KafkaProducer reports some send errors, such as a metadata timeout, through an already
    // failed future (after calling the callback) instead of throwing.
    private static Exception immediateFailure(Future<RecordMetadata> result) {
        if (!result.isDone()) {
            return null;
        }
        try {
            result.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
