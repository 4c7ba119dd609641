package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several worker processes share one group; one is killed with SIGKILL in the middle of a run. */
class WorkerProcessesIT {
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldReportEachOf300SubmissionsOnceWithThreeWorkers() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-processes");
        List<Submission> submissions = uniqueSubmissions(harness, 300);
        for (int i = 0; i < 3; i++) {
            processes.add(startWorker(harness, "p" + i, 63_000 + i * 100));
        }
        harness.awaitWorkers(3, Duration.ofMinutes(2));

        harness.send(submissions);
        List<ExecutionReport> reports = harness.reports(300, Duration.ofMinutes(5));

        assertExactlyOnce(reports, submissions);
    }

    @Test
    void shouldReportEachSubmissionOnceWhenWorkerIsKilled() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-killed");
        List<Submission> submissions = uniqueSubmissions(harness, 300);
        for (int i = 0; i < 3; i++) {
            processes.add(startWorker(harness, "k" + i, 63_000 + i * 100));
        }
        harness.awaitWorkers(3, Duration.ofMinutes(2));
        harness.send(submissions);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> harness.reports(0, Duration.ZERO).size() >= 60);

        Process victim = processes.get(0);
        victim.destroyForcibly();
        victim.waitFor();
        List<ExecutionReport> reports = harness.reports(300, Duration.ofMinutes(5));

        assertThat(victim.exitValue()).isEqualTo(137);
        assertExactlyOnce(reports, submissions);
    }

    private static void assertExactlyOnce(
            List<ExecutionReport> reports, List<Submission> submissions) {
        Map<String, Long> perSubmission =
                reports.stream()
                        .collect(
                                Collectors.groupingBy(
                                        ExecutionReport::getSubmissionId, Collectors.counting()));
        Set<String> expected =
                submissions.stream().map(Submission::getId).collect(Collectors.toSet());
        assertThat(perSubmission.keySet()).isEqualTo(expected);
        assertThat(perSubmission.values()).allMatch(count -> count == 1);
        assertThat(reports).extracting(ExecutionReport::getVerdict).containsOnly(Verdict.ACCEPTED);
    }

    // Each source differs, also between tests, so every submission runs in the sandbox instead of
    // hitting the cache.
    private static List<Submission> uniqueSubmissions(WorkerHarness harness, int count) {
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            submissions.add(
                    submission(
                            "python",
                            "a, b = map(int, input().split())\nprint(a + b)  # "
                                    + harness.prefix
                                    + i
                                    + "\n",
                            List.of(test("small", "3 4\n", "7\n"))));
        }
        return submissions;
    }

    private static Process startWorker(WorkerHarness harness, String instanceId, int firstUid)
            throws IOException {
        Map<String, Object> config =
                harness.config(
                        instanceId,
                        firstUid,
                        Map.of(
                                "kafka.session.timeout.ms", "6000",
                                "kafka.heartbeat.interval.ms", "1000",
                                "kafka.transaction.timeout.ms", "10000",
                                "worker.shutdown.timeout.ms", "5000"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        config.forEach((key, value) -> command.add(key + "=" + value));
        Path log =
                Files.createDirectories(Path.of("target", "worker-processes"))
                        .resolve(instanceId + ".log");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
