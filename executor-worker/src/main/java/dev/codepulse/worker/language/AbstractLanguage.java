package dev.codepulse.worker.language;

import dev.codepulse.worker.ToolchainUnavailableException;
import dev.codepulse.worker.internals.HostCommand;
import dev.codepulse.worker.sandbox.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the built-in languages: keeps the id and parsed configuration, finds executables, reads
 * toolchain versions and supplies the common environment and sandbox paths.
 */
public abstract class AbstractLanguage implements Language {
    private static final Logger log = LoggerFactory.getLogger(AbstractLanguage.class);
    private static final long VERSION_TIMEOUT_MS = 30_000;

    /** Environment of every compile step and run: a fixed PATH, HOME in /tmp, UTF-8 locale. */
    protected static final Map<String, String> BASE_ENVIRONMENT =
            Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8");

    private String id;
    private AbstractConfig config;
    private Toolchain toolchain;

    @Override
    public final void configure(String id, Map<String, ?> configs) {
        this.id = Objects.requireNonNull(id, "id can't be null");
        this.config = new AbstractConfig(configDef(), configs, false);
        this.toolchain = detectToolchain();
        log.info(
                "Language ready: id={} toolchain='{}' compileFlags={} runFlags={}",
                id,
                toolchain.display(),
                compileFlags(),
                runFlags());
    }

    /** Finds the toolchain from {@link #config()}; called once by {@link #configure}. */
    protected abstract Toolchain detectToolchain();

    @Override
    public String id() {
        return id;
    }

    @Override
    public Toolchain toolchain() {
        return toolchain;
    }

    /** Returns the parsed configuration of this language. */
    protected AbstractConfig config() {
        return config;
    }

    @Override
    public Map<String, String> environment() {
        return BASE_ENVIRONMENT;
    }

    @Override
    public boolean isMemoryError(RunResult result) {
        return false;
    }

    @Override
    public List<Path> sandboxPaths() {
        Set<Path> paths = new LinkedHashSet<>();
        for (Path executable : toolchain.executables()) {
            try {
                Path real = executable.toRealPath();
                // A toolchain installed outside /usr, such as /opt/jdk/bin/java, needs its home.
                if (!real.startsWith("/usr") && real.getParent() != null) {
                    Path home = real.getParent().getParent();
                    paths.add(home == null ? real.getParent() : home);
                }
            } catch (IOException e) {
                // Checked at start; a toolchain removed since then fails its runs visibly.
            }
        }
        return List.copyOf(paths);
    }

    /** Splits a space-separated flags value into arguments; quoting is not supported. */
    protected static List<String> splitFlags(String flags) {
        String trimmed = flags.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    /** Returns stderr of a run as text, with bytes that are not UTF-8 replaced. */
    protected static String stderrText(RunResult result) {
        return new String(result.stderr(), StandardCharsets.UTF_8);
    }

    /**
     * Returns the executable that {@code key} names.
     *
     * @throws ToolchainUnavailableException if it is not an executable file
     */
    protected Path executable(String key) {
        Path path = Path.of(config.getString(key));
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new ToolchainUnavailableException(
                    "language "
                            + id
                            + ": "
                            + path
                            + " (language."
                            + id
                            + "."
                            + key
                            + ") is not an executable file; install the toolchain, fix the path"
                            + " or remove "
                            + id
                            + " from languages");
        }
        return path;
    }

    /**
     * Runs {@code executable} with {@code arguments} on the host and returns the groups of the
     * first match of {@code pattern} in its output.
     *
     * @throws ToolchainUnavailableException if the command fails or prints no match
     */
    protected List<String> probeVersion(Path executable, List<String> arguments, Pattern pattern) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        String output;
        try {
            output = HostCommand.run(command, VERSION_TIMEOUT_MS).output();
        } catch (IOException e) {
            throw new ToolchainUnavailableException(
                    "language " + id + ": could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolchainUnavailableException(
                    "language " + id + ": interrupted while running " + command, e);
        }
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new ToolchainUnavailableException(
                    "language "
                            + id
                            + ": "
                            + command
                            + " printed no version matching "
                            + pattern
                            + "; output: "
                            + output.strip());
        }
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return groups;
    }

    /** Adds a path key with its default to {@code definition}. */
    protected static ConfigDef definePath(
            ConfigDef definition, String key, String path, String doc) {
        return definition.define(
                key,
                ConfigDef.Type.STRING,
                path,
                new ConfigDef.NonEmptyString(),
                ConfigDef.Importance.MEDIUM,
                doc);
    }

    /** Adds a space-separated flags key with its default to {@code definition}. */
    protected static ConfigDef defineFlags(
            ConfigDef definition, String key, String flags, String doc) {
        return definition.define(
                key,
                ConfigDef.Type.STRING,
                flags,
                ConfigDef.Importance.MEDIUM,
                doc + " Space-separated; quoting is not supported.");
    }
}
