package dev.codepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml must parse with docker-compose and refer only to files that exist. */
class ComposeFileIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldValidateWithDockerCompose() throws Exception {
        Process process =
                new ProcessBuilder(
                                "docker-compose",
                                "-f",
                                ROOT.resolve("docker-compose.yml").toString(),
                                "config")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);

        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains(
                        "kafka:",
                        "schema-registry:",
                        "redis:",
                        "worker:",
                        "streams:",
                        "optimizer:");
        assertThat(output).contains("replicas: 2", "allkeys-lru", "maxmemory");
        assertThat(output).contains("healthcheck:");
    }

    @Test
    void shouldReferToExistingDockerfilesAndConfigs() throws IOException {
        for (String file :
                new String[] {
                    "executor-worker/Dockerfile",
                    "metrics-streams/Dockerfile",
                    "optimizer-service/Dockerfile",
                    "executor-worker/config/worker.properties",
                    "metrics-streams/config/streams.properties",
                    "optimizer-service/config/optimizer.properties",
                    "cli/docker/entrypoint.sh"
                }) {
            assertThat(ROOT.resolve(file)).as(file).isRegularFile();
        }
        String worker = Files.readString(ROOT.resolve("executor-worker/Dockerfile"));
        assertThat(worker)
                .contains(
                        "bubblewrap",
                        "tini",
                        "python3",
                        "g++",
                        "nodejs",
                        "openjdk-17-jdk-headless");
    }
}
