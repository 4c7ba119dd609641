package dev.codepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.localstack.FreePorts;
import dev.codepulse.testsupport.TestKafka;
import dev.codepulse.testsupport.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Drives the codepulse command as a user would: the three services started as commands against the
 * test broker, a solution posted with submit, its report printed, and the resulting window read
 * with stats.
 */
class CliEndToEndIT {

    @Test
    void shouldSubmitThroughRunningServicesAndShowStats(@TempDir Path directory) throws Exception {
        String prefix = TestKafka.uniquePrefix("cli-e2e");
        int workerPort = FreePorts.find();
        int streamsPort = FreePorts.find();
        int optimizerPort = FreePorts.find();
        Path source =
                Files.writeString(
                        directory.resolve("sum.py"),
                        "a, b = map(int, input().split())\nprint(a + b)\n");
        Path tests =
                Files.writeString(
                        directory.resolve("tests.json"),
                        "[{\"name\": \"small\", \"stdin\": \"3 4\\n\", \"expectedStdout\": \"7\\n\"},"
                                + " {\"name\": \"large\", \"stdin\": \"1000000000 2000000000\\n\","
                                + " \"expectedStdout\": \"3000000000\\n\"}]");

        try (ServiceProcesses services = new ServiceProcesses("cli-e2e")) {
            services.start(
                    "worker",
                    common(
                            prefix,
                            workerPort,
                            "worker",
                            "--set",
                            "worker.group.id=" + prefix + "workers",
                            "--set",
                            "instance.id=cli-worker",
                            "--set",
                            "cache.redis.url=" + TestRedis.sharedUrl(),
                            "--set",
                            "sandbox.uid.first=64000",
                            "--set",
                            "languages=python",
                            "--set",
                            "profiler.flush.interval.ms=1000"));
            services.start(
                    "streams",
                    common(
                            prefix,
                            streamsPort,
                            "streams",
                            "--set",
                            "application.id=" + prefix + "streams",
                            "--set",
                            "state.dir=" + directory.resolve("streams"),
                            "--set",
                            "window.size.ms=5000",
                            "--set",
                            "window.grace.ms=1000",
                            "--set",
                            "window.idle.close.ms=1000"));
            services.start(
                    "optimizer",
                    common(
                            prefix,
                            optimizerPort,
                            "optimizer",
                            "--set",
                            "optimizer.application.id=optimizer",
                            "--set",
                            "optimizer.state.dir=" + directory.resolve("optimizer")));
            ServiceProcesses.awaitHealthy(
                    "http://127.0.0.1:" + workerPort + "/health", Duration.ofMinutes(2));
            ServiceProcesses.awaitHealthy(
                    "http://127.0.0.1:" + streamsPort + "/health", Duration.ofMinutes(2));
            ServiceProcesses.awaitHealthy(
                    "http://127.0.0.1:" + optimizerPort + "/health", Duration.ofMinutes(2));

            Result submit =
                    run(
                            "submit",
                            "-b",
                            TestKafka.bootstrapServers(),
                            "--topic-prefix",
                            prefix,
                            "-l",
                            "python",
                            "-s",
                            source.toString(),
                            "-t",
                            tests.toString(),
                            "--wait",
                            "120s");

            assertThat(submit.status()).as(submit.err()).isZero();
            assertThat(submit.out())
                    .contains("Verdict: ACCEPTED", "judged by cli-worker", "isolation FULL");
            assertThat(submit.out()).contains("small", "large");

            String statsUrl = "http://127.0.0.1:" + streamsPort;
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () ->
                                    run("stats", "--url", statsUrl)
                                            .out()
                                            .contains("worker.run.python"));
            Result stats = run("stats", "--url", statsUrl, "--language", "python");
            Result all = run("stats", "--url", statsUrl);

            assertThat(stats.status()).isZero();
            assertThat(stats.out())
                    .containsPattern("python\\s+(open|closed)\\s+\\S+\\s+1\\s+0\\s+0");
            assertThat(all.out()).contains("worker.run.python", "worker.poll", "worker.queue");
        }
    }

    private static List<String> common(
            String prefix, int httpPort, String command, String... more) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(
                List.of(
                        "--bootstrap-servers", TestKafka.bootstrapServers(),
                        "--set", "topic.prefix=" + prefix,
                        "--set", "http.port=" + httpPort));
        args.addAll(List.of(more));
        return args;
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Codepulse.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}
