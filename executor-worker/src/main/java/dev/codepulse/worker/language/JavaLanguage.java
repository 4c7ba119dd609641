package dev.codepulse.worker.language;

import dev.codepulse.worker.sandbox.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Java: javac compiles Main.java (the public class must be Main, in the default package), and java
 * runs it.
 *
 * <p>Memory: the memory cgroup limits the whole JVM, and {@code -Xmx} is the limit less {@code
 * heap.headroom.bytes}, so an oversized heap ends in an OutOfMemoryError, which {@code
 * -XX:+ExitOnOutOfMemoryError} turns into exit status 3 and this class into MEMORY_LIMIT_EXCEEDED.
 * The JVM reserves gigabytes of address space at start, so it never gets an address-space limit.
 */
public class JavaLanguage extends AbstractLanguage {
    public static final String COMPILER_PATH_CONFIG = "compiler.path";
    public static final String RUNTIME_PATH_CONFIG = "runtime.path";
    public static final String COMPILE_FLAGS_CONFIG = "compile.flags";
    public static final String RUN_FLAGS_CONFIG = "run.flags";
    public static final String HEAP_HEADROOM_BYTES_CONFIG = ManagedHeap.HEAP_HEADROOM_BYTES_CONFIG;

    private static final String MAIN_CLASS = "Main";
    // java -version prints, for example: openjdk version "17.0.15" 2025-04-15
    private static final Pattern RUNTIME_VERSION =
            Pattern.compile("^(\\S+) version \"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern COMPILER_VERSION = Pattern.compile("javac (\\S+)");

    private Path compiler;
    private Path runtime;

    @Override
    public ConfigDef configDef() {
        ConfigDef definition = new ConfigDef();
        definePath(
                definition, COMPILER_PATH_CONFIG, "/usr/bin/javac", "Path of javac on the host.");
        definePath(definition, RUNTIME_PATH_CONFIG, "/usr/bin/java", "Path of java on the host.");
        defineFlags(
                definition,
                COMPILE_FLAGS_CONFIG,
                "-encoding UTF-8 -J-Xmx384m -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1"
                        + " -J-XX:-UsePerfData",
                "Flags passed to javac; -J flags tune the compiler's own JVM.");
        defineFlags(
                definition,
                RUN_FLAGS_CONFIG,
                "-XX:+UseSerialGC -XX:-UsePerfData -XX:ActiveProcessorCount=1 -Xss64m",
                "JVM flags of each run, after the derived -Xmx, -XX:+ExitOnOutOfMemoryError and -XX:+DisplayVMOutputToStderr.");
        ManagedHeap.defineHeadroom(
                definition, "metaspace, code cache, thread stacks and the JVM itself", "-Xmx");
        return definition;
    }

    @Override
    protected Toolchain detectToolchain() {
        compiler = executable(COMPILER_PATH_CONFIG);
        runtime = executable(RUNTIME_PATH_CONFIG);
        List<String> runtimeVersion = probeVersion(runtime, List.of("-version"), RUNTIME_VERSION);
        String compilerVersion =
                probeVersion(compiler, List.of("-version"), COMPILER_VERSION).get(0);
        String version = runtimeVersion.get(1);
        if (!compilerVersion.equals(version)) {
            version = version + " (javac " + compilerVersion + ")";
        }
        return new Toolchain(runtimeVersion.get(0), version, List.of(compiler, runtime));
    }

    @Override
    public String sourceFileName() {
        return MAIN_CLASS + ".java";
    }

    @Override
    public List<String> compileFlags() {
        return splitFlags(config().getString(COMPILE_FLAGS_CONFIG));
    }

    @Override
    public List<String> runFlags() {
        return splitFlags(config().getString(RUN_FLAGS_CONFIG));
    }

    @Override
    public Optional<List<String>> compileCommand(String workDir) {
        List<String> command = new ArrayList<>();
        command.add(compiler.toString());
        command.addAll(compileFlags());
        command.addAll(List.of("-d", workDir, workDir + "/" + sourceFileName()));
        return Optional.of(command);
    }

    @Override
    public List<String> runCommand(String workDir, long memoryBytes) {
        long heapBytes =
                ManagedHeap.heapBytes(memoryBytes, config().getLong(HEAP_HEADROOM_BYTES_CONFIG));
        List<String> command = new ArrayList<>();
        command.add(runtime.toString());
        command.add("-Xmx" + heapBytes / 1024 + "k");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // HotSpot prints "Terminating due to java.lang.OutOfMemoryError" to stdout otherwise.
        command.add("-XX:+DisplayVMOutputToStderr");
        command.addAll(runFlags());
        command.addAll(List.of("-cp", workDir, MAIN_CLASS));
        return command;
    }

    @Override
    public MemoryModel memoryModel() {
        return MemoryModel.CGROUP_ONLY;
    }

    /**
     * Returns true when stderr reports an OutOfMemoryError, from ExitOnOutOfMemoryError or a trace.
     */
    @Override
    public boolean isMemoryError(RunResult result) {
        return stderrText(result).contains("java.lang.OutOfMemoryError");
    }
}
