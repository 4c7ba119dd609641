package dev.codepulse.cli;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.schemas.serde.EventSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Posts one solution with its tests and, unless told not to, waits for its report. */
@Command(
        name = "submit",
        description = {
            "Posts a solution file and a tests file to the submissions topic, then waits for the"
                    + " execution report and prints it.",
            "Exit status: 0 ACCEPTED, 1 judged with another verdict, 2 no report or an error."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class SubmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = {"-l", "--language"},
            required = true,
            paramLabel = "ID",
            description = "Language id: python, c, cpp, java or javascript.")
    String language;

    @Option(
            names = {"-s", "--source"},
            required = true,
            paramLabel = "FILE",
            description = "Solution source file, UTF-8. Java solutions declare class Main.")
    Path source;

    @Option(
            names = {"-t", "--tests"},
            required = true,
            paramLabel = "FILE",
            description =
                    "JSON array of tests: [{\"name\": ..., \"stdin\": ..., \"expectedStdout\": ...}].")
    Path tests;

    @Option(
            names = "--problem",
            paramLabel = "ID",
            defaultValue = "cli",
            description = "Problem id. Default: ${DEFAULT-VALUE}.")
    String problemId;

    @Option(
            names = "--id",
            paramLabel = "ID",
            description = "Submission id. Default: a random UUID.")
    String id;

    @Option(
            names = "--cpu-ms",
            paramLabel = "MS",
            defaultValue = "2000",
            description =
                    "CPU time limit per test run, in milliseconds. Default: ${DEFAULT-VALUE}.")
    int cpuMs;

    @Option(
            names = "--wall-ms",
            paramLabel = "MS",
            defaultValue = "5000",
            description =
                    "Wall-clock limit per test run, in milliseconds. Default: ${DEFAULT-VALUE}.")
    int wallMs;

    @Option(
            names = "--memory-mb",
            paramLabel = "MIB",
            defaultValue = "256",
            description = "Memory limit per test run, in MiB. Default: ${DEFAULT-VALUE}.")
    long memoryMb;

    @Option(
            names = "--output-kb",
            paramLabel = "KIB",
            defaultValue = "1024",
            description =
                    "Output limit (stdout and stderr) per test run, in KiB. Default: ${DEFAULT-VALUE}.")
    long outputKb;

    @Option(
            names = "--exact",
            description =
                    "Compare output byte for byte instead of ignoring line endings and trailing whitespace.")
    boolean exact;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "120s",
            converter = DurationConverter.class,
            description =
                    "How long to wait for the report; 0s posts without waiting. Default: ${DEFAULT-VALUE}.")
    Duration wait;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Submission submission = buildSubmission();
        ConnectionOptions.ClientConfig config = connection.load();
        try (EventSerdes serdes = config.eventSerdes();
                ReportClient client = new ReportClient(config, serdes)) {
            if (wait.isZero()) {
                client.send(submission);
                out.println(
                        "Posted submission "
                                + submission.getId()
                                + " to "
                                + config.topic(Topics.SUBMISSIONS).name());
                return 0;
            }
            Optional<ExecutionReport> report = client.submitAndWait(submission, wait);
            if (report.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "No report for submission "
                                        + submission.getId()
                                        + " within "
                                        + wait.toSeconds()
                                        + " s; is a worker running against "
                                        + config.bootstrapServers()
                                        + "?");
                return 2;
            }
            ReportPrinter.print(out, report.get(), json);
            return report.get().getVerdict() == Verdict.ACCEPTED ? 0 : 1;
        }
    }

    private Submission buildSubmission() throws IOException {
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("Source file " + source + " is not valid UTF-8 text", e);
        }
        return Submission.newBuilder()
                .setId(id == null ? UUID.randomUUID().toString() : id)
                .setProblemId(problemId)
                .setLanguage(language)
                .setSource(text)
                .setTests(TestsFile.read(tests))
                .setLimits(new Limits(cpuMs, wallMs, memoryMb * 1024 * 1024, outputKb * 1024))
                .setCheckerMode(exact ? CheckerMode.EXACT : CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.now())
                .setAttributes(Map.of("client", "codepulse-cli"))
                .build();
    }
}
