package dev.codepulse.streams;

import static dev.codepulse.streams.TopologyFixture.GRACE_MS;
import static dev.codepulse.streams.TopologyFixture.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TestResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLettersTest {
    @TempDir Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterGarbageBetweenValidRecords() {
        fixture.report(Events.report("python", 10).build(), 1_000);
        fixture.reports.pipeInput(bytes("key-1"), bytes("not avro at all"), 2_000);
        fixture.report(Events.report("python", 30).build(), 3_000);

        fixture.report(Events.report("python", 1).build(), WINDOW_MS + GRACE_MS);

        LanguageStats window = fixture.languageStats.readValuesToList().get(0);
        assertThat(window.getCount()).isEqualTo(2);
        assertThat(window.getRunWallMillis().getSum()).isEqualTo(40.0);
        TestRecord<byte[], byte[]> deadLetter = fixture.deadLetters.readRecord();
        assertThat(deadLetter.key()).isEqualTo(bytes("key-1"));
        assertThat(deadLetter.value()).isEqualTo(bytes("not avro at all"));
        assertThat(header(deadLetter, DeadLetters.SOURCE_OFFSET_HEADER)).isEqualTo("1");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC_HEADER))
                .isEqualTo("execution-reports");
        assertThat(header(deadLetter, DeadLetters.SOURCE_PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetters.FAILED_BY_HEADER)).isEqualTo("test-instance");
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.counter("codepulse.dead.letters")).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterNegativeDuration() {
        ExecutionReport valid = Events.report("c", 10).build();
        TestResult negativeRun =
                TestResult.newBuilder(valid.getTests().get(0)).setWallMs(-5).build();
        ExecutionReport negative =
                ExecutionReport.newBuilder(valid).setTests(List.of(negativeRun)).build();

        fixture.report(negative, 1_000);

        TestRecord<byte[], byte[]> deadLetter = fixture.deadLetters.readRecord();
        assertThat(header(deadLetter, DeadLetters.ERROR_CLASS_HEADER))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE_HEADER))
                .contains("tests[0].wallMs=-5");
        assertThat(fixture.counter("codepulse.streams.records.dropped", "reason", "dead-letter"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterAbsurdDurations() {
        fixture.report(Events.report("c", 10).setQueueMs(40L * 86_400_000).build(), 1_000);
        fixture.report(Events.report("c", 10).setCompile(Events.compile(5_000_000)).build(), 1_000);
        fixture.report(Events.report("c", 4_000_000).build(), 1_000);

        List<String> errors =
                fixture.deadLetters.readRecordsToList().stream()
                        .map(record -> header(record, DeadLetters.ERROR_MESSAGE_HEADER))
                        .toList();

        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("queueMs=3456000000");
        assertThat(errors.get(1)).contains("compile.wallMs=5000000");
        assertThat(errors.get(2)).contains("tests[0].cpuMs=4000000");
    }

    @Test
    void shouldDeadLetterSampleWithCorruptSketch() {
        FunctionSample corrupt =
                FunctionSample.newBuilder(Events.sample("worker.compile", "w1", 0, 10_000, 1_000))
                        .setLatencySketch(ByteBuffer.wrap(new byte[] {9, 9, 9}))
                        .build();

        fixture.sample(corrupt, 10_000);

        TestRecord<byte[], byte[]> deadLetter = fixture.deadLetters.readRecord();
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC_HEADER))
                .isEqualTo("function-samples");
        assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE_HEADER))
                .contains("Invalid DDSketch encoding");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetters.header(record.headers(), name);
    }
}
