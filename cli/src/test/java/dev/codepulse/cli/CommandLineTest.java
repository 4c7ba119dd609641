package dev.codepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Codepulse.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    // No broker listens on port 1, so these submissions fail at the latest when they are sent.
    private int submitToClosedPort(Path source, Path tests) {
        return run(
                "submit",
                "-l",
                "python",
                "-s",
                source.toString(),
                "-t",
                tests.toString(),
                "-b",
                "127.0.0.1:1");
    }

    // Help text wraps at 80 columns; joining the lines lets a check span a wrap.
    private String flattened() {
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void shouldListEveryCommand() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains(
                        "worker",
                        "streams",
                        "optimizer",
                        "submit",
                        "watch",
                        "stats",
                        "demo",
                        "config");
    }

    @Test
    void shouldExplainSubmitOptionsWithUnitsAndDefaults() {
        int status = run("submit", "--help");

        assertThat(status).isZero();
        assertThat(flattened())
                .contains("--cpu-ms", "in milliseconds", "Default: 2000")
                .contains("--memory-mb", "in MiB", "Default: 256")
                .contains("--wait", "Default: 120s")
                .contains("--bootstrap-servers");
    }

    @Test
    void shouldExplainDemoOptionsWithDefaults() {
        int status = run("demo", "--help");

        assertThat(status).isZero();
        assertThat(flattened()).contains("--duration", "Default: 2m", "--rate", "--no-redis");
    }

    @Test
    void shouldPrintConfigurationTableOfEachService() {
        for (String service : new String[] {"worker", "streams", "optimizer"}) {
            out.getBuffer().setLength(0);

            int status = run("config", service);

            assertThat(status).as(service).isZero();
            assertThat(out.toString())
                    .as(service)
                    .contains("| `bootstrap.servers` | `CODEPULSE_BOOTSTRAP_SERVERS` |");
        }
        assertThat(out.toString()).contains("`optimizer.window.settle.ms`");
    }

    @Test
    void shouldRejectUnknownService() {
        int status = run("config", "database");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("database");
    }

    @Test
    void shouldReportInvalidTestsFile(@TempDir Path directory) throws Exception {
        Path source = Files.writeString(directory.resolve("sum.py"), "print(3)\n");
        Path tests = Files.writeString(directory.resolve("tests.json"), "[{\"name\": \"t1\"}]");

        int status = submitToClosedPort(source, tests);

        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("tests.json", "stdin");
    }

    @ParameterizedTest
    @CsvSource({
        "--rate, 0, Invalid --rate 0",
        "--refresh, 0s, Invalid --refresh of 0 ms",
        "--window, 100ms, Invalid --window of 100 ms"
    })
    void shouldRejectInvalidDemoOption(String option, String value, String message) {
        int status = run("demo", option, value);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void shouldReportMissingSourceFileInOneLine(@TempDir Path directory) throws Exception {
        Path tests = Files.writeString(directory.resolve("tests.json"), "[]");
        Path missing = directory.resolve("missing.py");

        int status = submitToClosedPort(missing, tests);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: file not found: " + missing);
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void shouldNameSourceFileThatIsNotUtf8(@TempDir Path directory) throws Exception {
        Path tests = Files.writeString(directory.resolve("tests.json"), "[]");
        Path binary = Files.write(directory.resolve("binary.py"), new byte[] {(byte) 0xff, 0x00});

        int status = submitToClosedPort(binary, tests);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(binary + " is not valid UTF-8 text");
    }
}
