package dev.codepulse.worker.language;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A language's compiler or runtime as found at start.
 *
 * @param name short name, such as g++ or openjdk
 * @param version version as the toolchain reports it, such as 12.2.0
 * @param executables the host executables the language runs, so the sandbox can bind them
 */
public record Toolchain(String name, String version, List<Path> executables) {

    public Toolchain {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(version, "version can't be null");
        executables = List.copyOf(executables);
    }

    /** Returns name and version as reported in execution reports, such as {@code g++ 12.2.0}. */
    public String display() {
        return name + " " + version;
    }
}
