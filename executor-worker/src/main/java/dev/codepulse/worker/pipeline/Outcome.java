package dev.codepulse.worker.pipeline;

import dev.codepulse.schemas.ExecutionReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the pipeline publishes for one consumed record: a report, or a dead letter. */
sealed interface Outcome {
    /** A judged submission. */
    record Report(ExecutionReport report) implements Outcome {}

    /** A record that could not be decoded, published to dead-letters with its original bytes. */
    record DeadLetter(ConsumerRecord<byte[], byte[]> record, Throwable error) implements Outcome {}
}
