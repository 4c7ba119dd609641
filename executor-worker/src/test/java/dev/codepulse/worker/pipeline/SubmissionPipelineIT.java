package dev.codepulse.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.ExpectErrorLogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SubmissionPipelineIT {

    @Test
    void shouldReportEachSubmissionOnceAcrossRebalanceAndShutdown() throws Exception {
        PipelineHarness harness = new PipelineHarness("pipeline-rebalance", 6);
        List<Submission> submissions = PipelineHarness.submissions(300);
        AtomicInteger handled = new AtomicInteger();
        SubmissionHandler handler =
                (submission, context) -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
                    handled.incrementAndGet();
                    return PipelineHarness.report(submission, Verdict.ACCEPTED, null);
                };
        harness.send(submissions);

        SubmissionPipeline first = harness.pipeline("first", handler, 3);
        Thread firstThread = new Thread(first, "pipeline-first");
        firstThread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= 80);
        SubmissionPipeline second = harness.pipeline("second", handler, 3);
        Thread secondThread = new Thread(second, "pipeline-second");
        secondThread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= 180);
        first.close();
        firstThread.join(Duration.ofSeconds(60).toMillis());
        List<ConsumerRecord<byte[], byte[]>> reports =
                PipelineHarness.readCommitted(harness.reports, 300, Duration.ofSeconds(90));
        second.close();
        secondThread.join(Duration.ofSeconds(60).toMillis());

        Map<String, Long> reportsPerSubmission =
                reports.stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<String> expectedIds =
                submissions.stream().map(Submission::getId).collect(Collectors.toSet());
        assertThat(reportsPerSubmission.keySet()).isEqualTo(expectedIds);
        assertThat(reportsPerSubmission.values()).allMatch(count -> count == 1);
        assertThat(firstThread.isAlive()).isFalse();
    }

    @Test
    @ExpectErrorLogs("Execution failed inside the worker")
    void shouldDeadLetterUndecodableRecordsAndReportHandlerFailures() throws Exception {
        PipelineHarness harness = new PipelineHarness("pipeline-poison", 1);
        Submission good = PipelineHarness.submission("good");
        Submission failing = PipelineHarness.submission("failing");
        byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        SubmissionHandler handler =
                (submission, context) -> {
                    calls.merge(submission.getId(), 1, Integer::sum);
                    if (submission.getId().equals("failing")) {
                        throw new IllegalStateException("sandbox exploded");
                    }
                    return PipelineHarness.report(submission, Verdict.ACCEPTED, null);
                };
        harness.send(List.of(good));
        harness.sendRaw(garbage);
        harness.send(List.of(failing));

        SubmissionPipeline pipeline = harness.pipeline("only", handler, 2);
        Thread thread = new Thread(pipeline, "pipeline-only");
        thread.start();
        List<ConsumerRecord<byte[], byte[]>> reports =
                PipelineHarness.readCommitted(harness.reports, 2, Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                PipelineHarness.readCommitted(harness.deadLetters, 1, Duration.ofSeconds(30));
        pipeline.close();
        thread.join(Duration.ofSeconds(30).toMillis());

        Map<String, ExecutionReport> byId =
                reports.stream()
                        .map(
                                record ->
                                        PipelineHarness.SERDES
                                                .serde(ExecutionReport.class)
                                                .deserialize(harness.reports, record.value()))
                        .collect(
                                Collectors.toMap(
                                        ExecutionReport::getSubmissionId, Function.identity()));
        assertThat(byId).containsOnlyKeys("good", "failing");
        assertThat(byId.get("good").getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(byId.get("failing").getVerdict()).isEqualTo(Verdict.INTERNAL_ERROR);
        assertThat(byId.get("failing").getReason()).contains("sandbox exploded");
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
        assertThat(
                        DeadLetters.header(
                                deadLetters.get(0).headers(), DeadLetters.SOURCE_OFFSET_HEADER))
                .isEqualTo("1");
        assertThat(calls).containsEntry("good", 1).containsEntry("failing", 1);
    }
}
