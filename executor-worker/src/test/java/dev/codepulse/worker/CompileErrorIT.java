package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.schemas.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compile failures, including compilers that print far more than a report can hold. */
class CompileErrorIT {
    private static final int PRODUCER_MAX_REQUEST_BYTES = 1024 * 1024;

    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor = TestExecutors.start();
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    @Test
    void shouldCapOutputOfThousandsOfErrors() {
        StringBuilder source = new StringBuilder("int main() {\n");
        for (int i = 0; i < 5000; i++) {
            source.append("  undeclared_function_").append(i).append("(").append(i).append(");\n");
        }
        source.append("}\n");
        Submission submission =
                single("cpp", source.toString(), "", TestSubmissions.defaultLimits());

        ExecutionOutcome outcome = executor.execute(submission);
        byte[] serialized = serialize(submission, outcome);

        assertThat(outcome.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(outcome.tests()).isEmpty();
        assertThat(outcome.compile().getSucceeded()).isFalse();
        assertThat(outcome.compile().getOutputTruncated()).isTrue();
        assertThat(outcome.compile().getOutput()).contains("undeclared_function_0");
        assertThat(outcome.compile().getOutput().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(16384 + 200);
        assertThat(serialized.length).isLessThan(PRODUCER_MAX_REQUEST_BYTES / 10);
    }

    @Test
    void shouldReportSyntaxErrorInJava() {
        String source =
                "public class Main { public static void main(String[] args) { int x = ; } }\n";

        ExecutionOutcome outcome =
                executor.execute(single("java", source, "", TestSubmissions.defaultLimits()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(outcome.compile().getExitCode()).isNotZero();
        assertThat(outcome.compile().getOutput()).contains("Main.java");
        assertThat(outcome.compile().getOutputTruncated()).isFalse();
    }

    private static byte[] serialize(Submission submission, ExecutionOutcome outcome) {
        Instant now = Instant.now();
        ExecutionReport report =
                outcome.applyTo(ExecutionReport.newBuilder())
                        .setSubmissionId(submission.getId())
                        .setProblemId(submission.getProblemId())
                        .setLanguage(submission.getLanguage())
                        .setQueueMs(0)
                        .setProcessingMicros(0)
                        .setCache(
                                CacheOutcome.newBuilder()
                                        .setHit(false)
                                        .setTier(CacheTier.NONE)
                                        .setLookupMicros(0)
                                        .build())
                        .setWorkerId("compile-error-it")
                        .setStartedAt(now)
                        .setCompletedAt(now)
                        .build();
        try (EventSerdes serdes = EventSerdes.singleObject()) {
            return serdes.serde(ExecutionReport.class)
                    .serialize(Topics.EXECUTION_REPORTS.name(), report);
        }
    }
}
