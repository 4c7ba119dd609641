package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Whole workers on the real broker, Redis and sandbox. */
class ExecutorWorkerIT {
    private static final List<TestCase> TESTS =
            List.of(test("small", "3 4\n", "7\n"), test("negative", "-10 25\n", "15\n"));

    @Test
    void shouldJudgeEveryLanguageThroughKafka() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-languages");
        Map<String, String> expected = new java.util.HashMap<>();
        List<Submission> submissions = new ArrayList<>();
        for (Arguments solution : LanguagesIT.correctSolutions().toList()) {
            Submission submission =
                    submission((String) solution.get()[0], (String) solution.get()[1], TESTS);
            submissions.add(submission);
            expected.put(submission.getId(), "ACCEPTED " + submission.getLanguage());
        }
        for (Arguments solution : LanguagesIT.wrongSolutions().toList()) {
            Submission submission =
                    submission((String) solution.get()[0], (String) solution.get()[1], TESTS);
            submissions.add(submission);
            expected.put(submission.getId(), "WRONG_ANSWER " + submission.getLanguage());
        }

        Map<String, Object> config =
                harness.config("w1", 62_000, Map.of("profiler.flush.interval.ms", "1000"));
        List<ExecutionReport> reports;
        try (ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(config))) {
            harness.send(submissions);
            reports = harness.reports(submissions.size(), Duration.ofMinutes(3));
        }
        // Closing the worker flushes the profiler's last interval.
        Set<String> timedFunctions =
                harness
                        .read(harness.prefix + "function-samples", 14, Duration.ofSeconds(30))
                        .stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet());

        Map<String, String> actual =
                reports.stream()
                        .collect(
                                Collectors.toMap(
                                        ExecutionReport::getSubmissionId,
                                        r -> r.getVerdict() + " " + r.getLanguage()));
        assertThat(actual).isEqualTo(expected);
        for (ExecutionReport report : reports) {
            assertThat(report.getToolchain()).isNotEmpty();
            assertThat(report.getIsolationLevel()).isEqualTo(IsolationLevel.FULL);
            assertThat(report.getWorkerId()).isEqualTo("w1");
            assertThat(report.getQueueMs()).isGreaterThanOrEqualTo(0);
            assertThat(report.getProcessingMicros()).isPositive();
        }
        assertThat(timedFunctions)
                .contains(
                        "worker.poll",
                        "worker.decode",
                        "worker.queue",
                        "worker.cache.lookup",
                        "worker.judge",
                        "worker.publish",
                        "worker.compile.cpp",
                        "worker.compile.java",
                        "worker.run.python",
                        "worker.run.javascript");
    }

    @Test
    void shouldRejectInvalidAndDeadLetterUndecodableSubmissions() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-invalid");
        Submission unknownLanguage = submission("cobol", "DISPLAY 'HI'.", TESTS);
        Submission noTests = submission("python", "print(1)", List.of());
        byte[] garbage = "not a submission".getBytes(StandardCharsets.UTF_8);

        List<ExecutionReport> reports;
        List<ConsumerRecord<byte[], byte[]>> deadLetters;
        try (ExecutorWorker worker =
                ExecutorWorker.start(new WorkerConfig(harness.config("w1", 62_000, Map.of())))) {
            harness.send(List.of(unknownLanguage));
            harness.sendRaw(garbage);
            harness.send(List.of(noTests));
            reports = harness.reports(2, Duration.ofMinutes(1));
            deadLetters = harness.read(harness.prefix + "dead-letters", 1, Duration.ofSeconds(30));
        }

        Map<String, ExecutionReport> byId =
                reports.stream()
                        .collect(
                                Collectors.toMap(
                                        ExecutionReport::getSubmissionId, Function.identity()));
        assertThat(byId).containsOnlyKeys(unknownLanguage.getId(), noTests.getId());
        assertThat(byId.get(unknownLanguage.getId()).getVerdict()).isEqualTo(Verdict.REJECTED);
        assertThat(byId.get(unknownLanguage.getId()).getReason()).contains("cobol");
        assertThat(byId.get(noTests.getId()).getVerdict()).isEqualTo(Verdict.REJECTED);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
        assertThat(
                        DeadLetters.header(
                                deadLetters.get(0).headers(), DeadLetters.SOURCE_TOPIC_HEADER))
                .isEqualTo(harness.prefix + "submissions");
    }

    @Test
    void shouldRunIdenticalSubmissionsOnceAcrossWorkers() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-identical");
        String source =
                "#include <iostream>\n"
                        + "int main() { long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n"
                        + "// "
                        + harness.prefix
                        + "\n";
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            submissions.add(submission("cpp", source, TESTS));
        }

        List<ExecutionReport> reports;
        try (ExecutorWorker first =
                        ExecutorWorker.start(
                                new WorkerConfig(harness.config("w1", 62_000, Map.of())));
                ExecutorWorker second =
                        ExecutorWorker.start(
                                new WorkerConfig(harness.config("w2", 62_100, Map.of())));
                ExecutorWorker third =
                        ExecutorWorker.start(
                                new WorkerConfig(harness.config("w3", 62_200, Map.of())))) {
            // Posting only once the group is stable keeps a rebalance from moving the one
            // computing submission to another worker, where it would then hit the cache.
            harness.awaitWorkers(3, Duration.ofMinutes(1));
            harness.send(submissions);
            reports = harness.reports(20, Duration.ofMinutes(2));
        }

        assertThat(reports).hasSize(20);
        assertThat(reports).extracting(ExecutionReport::getVerdict).containsOnly(Verdict.ACCEPTED);
        assertThat(reports.stream().filter(report -> !report.getCache().getHit())).hasSize(1);
        assertThat(reports.stream().filter(report -> report.getCache().getHit()))
                .hasSize(19)
                .allSatisfy(
                        report ->
                                assertThat(report.getCache().getTier())
                                        .isIn(CacheTier.LOCAL, CacheTier.REDIS));
        assertThat(reports.stream().map(ExecutionReport::getWorkerId).distinct().count())
                .isGreaterThan(1);
    }
}
