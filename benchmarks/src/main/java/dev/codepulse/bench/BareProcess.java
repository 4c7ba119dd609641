package dev.codepulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs a command as a plain child process, the baseline the sandbox is measured against. */
final class BareProcess {
    private BareProcess() {}

    /** Runs {@code command} in {@code dir}, reads its output to the end and returns the time. */
    static long run(List<String> command, Map<String, String> environment, Path dir)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (status != 0) {
            throw new IllegalStateException(
                    command + " failed with status " + status + ": " + new String(output));
        }
        return elapsed;
    }

    /** Creates a directory on a tmpfs (/dev/shm) when there is one, like the sandbox's. */
    static Path scratchDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm)
                ? Files.createTempDirectory(shm, "codepulse-bench")
                : Files.createTempDirectory("codepulse-bench");
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
