package dev.codepulse.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds processes by real uid, to prove that no sandboxed process outlives its run. */
final class SandboxUids {
    private SandboxUids() {}

    /** Returns "pid state" of every process whose real uid lies in {@code [first, last]}. */
    static List<String> processesOf(int first, int last) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry :
                    entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                describeIfOwned(entry, first, last, found);
            }
        }
        return found;
    }

    private static void describeIfOwned(Path proc, int first, int last, List<String> found) {
        try {
            String uid = null;
            String state = null;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.substring(4).trim().split("\\s+")[0];
                } else if (line.startsWith("State:")) {
                    state = line.substring(6).trim();
                }
            }
            if (uid != null && Integer.parseInt(uid) >= first && Integer.parseInt(uid) <= last) {
                found.add(proc.getFileName() + " " + state);
            }
        } catch (IOException | RuntimeException e) {
            // The process ended while we looked.
        }
    }
}
