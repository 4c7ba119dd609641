package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads and writes the small text files of the cgroup file system. */
final class CgroupFiles {
    private CgroupFiles() {}

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** Returns the file's number, or -1 when the file does not exist. */
    static long readLong(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return "max".equals(text) ? Long.MAX_VALUE : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /**
     * Returns the value of {@code key} in a flat keyed file such as memory.events ("oom_kill 3"),
     * or -1 when the file or key does not exist.
     */
    static long readKey(Path file, String key) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return -1;
        }
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(key)) {
                return Long.parseLong(line.substring(space + 1).trim());
            }
        }
        return -1;
    }

    /** Returns the pids listed in a cgroup.procs file; empty when the cgroup is gone. */
    static List<Long> readPids(Path procsFile) throws IOException {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procsFile, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return pids;
    }

    /** Sends SIGKILL to every process listed in {@code procsFile}. */
    static void killAll(Path procsFile) throws IOException {
        for (long pid : readPids(procsFile)) {
            // ProcessHandle checks the start time before it signals, so a reused pid is spared.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Waits until every listed cgroup.procs file is empty or gone.
     *
     * @return false when processes remain after {@code timeoutMs}
     */
    static boolean awaitEmpty(List<Path> procsFiles, long timeoutMs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long pauseNanos = TimeUnit.MICROSECONDS.toNanos(100);
        while (true) {
            if (allEmpty(procsFiles)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
            pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static boolean allEmpty(List<Path> procsFiles) throws IOException {
        for (Path file : procsFiles) {
            if (!readPids(file).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Removes a cgroup directory; a directory that is already gone is fine. */
    static void remove(Path dir) throws IOException {
        try {
            Files.delete(dir);
        } catch (NoSuchFileException e) {
            // Already removed.
        }
    }
}
