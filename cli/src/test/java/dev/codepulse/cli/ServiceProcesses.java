package dev.codepulse.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs codepulse commands as child JVMs on the test classpath, and stops them at the end. */
final class ServiceProcesses implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path logDirectory;

    ServiceProcesses(String testName) throws IOException {
        this.logDirectory =
                Files.createDirectories(Path.of("target", "service-processes", testName));
    }

    /**
     * Starts {@code codepulse ARGS...} in a new JVM; its output goes to target/service-processes.
     */
    Process start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Codepulse.class.getName());
        command.addAll(args);
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(logDirectory.resolve(name + ".log").toFile())
                        .start();
        processes.add(process);
        return process;
    }

    /** Returns the output a started command has written so far. */
    String log(String name) throws IOException {
        return Files.readString(logDirectory.resolve(name + ".log"));
    }

    /** Waits until GET {@code url} answers 200. */
    static void awaitHealthy(String url, Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () ->
                                client.send(
                                                        HttpRequest.newBuilder(URI.create(url))
                                                                .timeout(Duration.ofSeconds(2))
                                                                .build(),
                                                        HttpResponse.BodyHandlers.discarding())
                                                .statusCode()
                                        == 200);
    }

    /** Asks every command to stop with SIGTERM and waits for it; kills what does not stop. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
