package dev.codepulse.worker.pipeline;

import java.time.Instant;

/**
 * Where a submission record came from and when the worker took it from the queue.
 *
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param pickedUpAt when an execution slot started on the record
 */
public record RecordContext(String topic, int partition, long offset, Instant pickedUpAt) {}
