package dev.codepulse.worker.language;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/** A language compiled by a GCC driver into a native program: C and C++. */
public abstract class GccLanguage extends AbstractLanguage {
    public static final String COMPILER_PATH_CONFIG = "compiler.path";
    public static final String COMPILE_FLAGS_CONFIG = "compile.flags";
    public static final String LINK_FLAGS_CONFIG = "link.flags";

    private static final Pattern VERSION =
            Pattern.compile("^(\\d+(?:\\.\\d+)*)", Pattern.MULTILINE);
    private static final String PROGRAM = "main";

    private Path compiler;

    /** Returns the driver's name as reported, such as gcc or g++. */
    protected abstract String driverName();

    /** Returns the file extension of the source, such as c or cpp. */
    protected abstract String extension();

    /** Returns the default of {@code compile.flags}. */
    protected abstract String defaultCompileFlags();

    /** Returns the default of {@code link.flags}. */
    protected abstract String defaultLinkFlags();

    @Override
    public ConfigDef configDef() {
        ConfigDef definition = new ConfigDef();
        definePath(
                definition,
                COMPILER_PATH_CONFIG,
                "/usr/bin/" + driverName(),
                "Path of the " + driverName() + " driver on the host.");
        defineFlags(
                definition,
                COMPILE_FLAGS_CONFIG,
                defaultCompileFlags(),
                "Flags passed to the compiler before the source file.");
        defineFlags(
                definition,
                LINK_FLAGS_CONFIG,
                defaultLinkFlags(),
                "Flags passed after the source file, such as libraries to link.");
        return definition;
    }

    @Override
    protected Toolchain detectToolchain() {
        compiler = executable(COMPILER_PATH_CONFIG);
        String version = probeVersion(compiler, List.of("-dumpfullversion"), VERSION).get(0);
        return new Toolchain(driverName(), version, List.of(compiler));
    }

    @Override
    public String sourceFileName() {
        return PROGRAM + "." + extension();
    }

    @Override
    public List<String> compileFlags() {
        List<String> flags = new ArrayList<>(splitFlags(config().getString(COMPILE_FLAGS_CONFIG)));
        flags.addAll(splitFlags(config().getString(LINK_FLAGS_CONFIG)));
        return flags;
    }

    @Override
    public List<String> runFlags() {
        return List.of();
    }

    @Override
    public Optional<List<String>> compileCommand(String workDir) {
        List<String> command = new ArrayList<>();
        command.add(compiler.toString());
        command.addAll(splitFlags(config().getString(COMPILE_FLAGS_CONFIG)));
        command.add("-o");
        command.add(workDir + "/" + PROGRAM);
        command.add(workDir + "/" + sourceFileName());
        command.addAll(splitFlags(config().getString(LINK_FLAGS_CONFIG)));
        return Optional.of(command);
    }

    @Override
    public List<String> runCommand(String workDir, long memoryBytes) {
        return List.of(workDir + "/" + PROGRAM);
    }

    @Override
    public MemoryModel memoryModel() {
        return MemoryModel.ADDRESS_SPACE_FALLBACK;
    }
}
