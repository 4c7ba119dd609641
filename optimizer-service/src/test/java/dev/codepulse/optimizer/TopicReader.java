package dev.codepulse.optimizer;

import dev.codepulse.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads one topic from the start with read_committed and keeps every record it has seen. */
final class TopicReader<T> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, T> decoder;
    private final List<T> records = new ArrayList<>();

    TopicReader(String topic, Function<ConsumerRecord<byte[], byte[]>, T> decoder) {
        this.consumer = new KafkaConsumer<>(TestKafka.consumerProperties());
        this.decoder = decoder;
        consumer.subscribe(List.of(topic));
    }

    /** Polls once and returns every record read so far. */
    List<T> poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            records.add(decoder.apply(record));
        }
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
