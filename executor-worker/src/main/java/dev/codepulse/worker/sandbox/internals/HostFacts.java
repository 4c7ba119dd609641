package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.worker.internals.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the worker's own process and host that decide what the sandbox can do. */
public final class HostFacts {
    private HostFacts() {}

    /** Returns true when the worker's real uid is 0, read from /proc/self/status. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[0].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Returns true when {@code path} is an executable regular file. */
    public static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** Returns the first line {@code bwrap --version} prints, or an empty string. */
    public static String bwrapVersion(Path bwrap) throws InterruptedException {
        if (!isExecutable(bwrap)) {
            return "";
        }
        try {
            HostCommand.Result result =
                    HostCommand.run(List.of(bwrap.toString(), "--version"), 10_000);
            return result.exitCode() == 0
                    ? result.output().strip().lines().findFirst().orElse("")
                    : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Returns true when the worker is pid 1 of its pid namespace, as in a container without init.
     */
    public static boolean isPidOne() {
        return ProcessHandle.current().pid() == 1;
    }
}
