package dev.codepulse.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system helpers for temporary data directories. */
final class Directories {
    private static final Logger log = LoggerFactory.getLogger(Directories.class);

    private Directories() {}

    /** Deletes a directory tree; failures are logged, since they only leave files behind. */
    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(Directories::deleteQuietly);
        } catch (IOException e) {
            log.warn("Failed to delete directory={}", directory, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Failed to delete path={}", path, e);
        }
    }
}
