package dev.codepulse.streams.internals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes values by key as Kafka's default partitioner does (murmur2 of the UTF-8 key), so
 * interactive queries find their owner with a plain string serializer, and sends every progress
 * message to all partitions.
 *
 * @param <A> aggregate type
 */
public final class EnvelopePartitioner<A> implements StreamPartitioner<String, Envelope<A>> {
    @Override
    public Optional<Set<Integer>> partitions(
            String topic, String key, Envelope<A> value, int numPartitions) {
        if (value instanceof Envelope.Progress<A>) {
            Set<Integer> all = new HashSet<>();
            for (int partition = 0; partition < numPartitions; partition++) {
                all.add(partition);
            }
            return Optional.of(all);
        }
        return Optional.of(
                Set.of(Utils.toPositive(Utils.murmur2(Binary.utf8(key))) % numPartitions));
    }
}
