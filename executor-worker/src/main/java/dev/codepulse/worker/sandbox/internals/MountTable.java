package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the mount points of the worker's mount namespace from /proc/self/mountinfo. */
final class MountTable {
    private MountTable() {}

    static boolean isMountPoint(Path dir) throws IOException {
        String target = dir.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // Field 5 is the mount point, with spaces and similar characters octal-escaped.
            String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(target)) {
                return true;
            }
        }
        return false;
    }

    static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
