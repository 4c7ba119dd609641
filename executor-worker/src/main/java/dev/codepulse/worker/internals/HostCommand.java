package dev.codepulse.worker.internals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a trusted host command (mount, a toolchain's version query) outside the sandbox, with a
 * timeout and its combined output captured through a temporary file.
 */
public final class HostCommand {
    private static final int MAX_OUTPUT_CHARS = 4096;

    private HostCommand() {}

    /** Exit status and combined stdout and stderr of a finished command, cut to 4096 chars. */
    public record Result(int exitCode, String output) {}

    /**
     * Runs {@code command} with an empty environment and waits for it.
     *
     * @throws IOException if the command cannot start or does not finish within {@code timeoutMs}
     */
    public static Result run(List<String> command, long timeoutMs)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("codepulse-host-command", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        "command " + command + " did not finish within " + timeoutMs + " ms");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return new Result(
                    process.exitValue(),
                    text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) : text);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
