package dev.codepulse.streams.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.DeadLetters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterExceptionHandlerTest {
    @Test
    void shouldResumeWithDeadLetterOfSourceRecord() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AggregationMetrics metrics = new AggregationMetrics(registry, "dead-letters", "node-1");
        DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();
        handler.configure(
                Map.of(
                        DeadLetterExceptionHandler.DEAD_LETTER_TOPIC_CONFIG, "dead-letters",
                        DeadLetterExceptionHandler.INSTANCE_ID_CONFIG, "node-1",
                        DeadLetterExceptionHandler.METRICS_CONFIG, metrics));

        ProcessingExceptionHandler.Response response =
                handler.handleError(
                        new Context(),
                        new Record<>("key", "value", 0L),
                        new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo("dead-letters");
        assertThat(deadLetter.value()).isEqualTo(bytes("raw value"));
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.SOURCE_OFFSET_HEADER))
                .isEqualTo("42");
        assertThat(DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR_CLASS_HEADER))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(metrics.total("codepulse.dead.letters")).isEqualTo(1.0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The context of a record read from partition 3 of a repartition topic at offset 42. */
    private static final class Context implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "app-language-partials-repartition";
        }

        @Override
        public int partition() {
            return 3;
        }

        @Override
        public long offset() {
            return 42;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "language-windows-aggregate";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(1, 3);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return bytes("raw key");
        }

        @Override
        public byte[] sourceRawValue() {
            return bytes("raw value");
        }
    }
}
