package dev.codepulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Describes the machine a benchmark ran on, from /proc and the JVM. */
final class Machine {
    private Machine() {}

    static String describe() {
        return "cpu: "
                + firstValue("/proc/cpuinfo", "model name")
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores; memory: "
                + firstValue("/proc/meminfo", "MemTotal")
                + "; kernel: "
                + read("/proc/sys/kernel/osrelease")
                + "; java: "
                + System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.version");
    }

    /** Returns the 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
