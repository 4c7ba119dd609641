package dev.codepulse.worker.language;

import dev.codepulse.worker.sandbox.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * JavaScript on Node.js, run from main.js without a compile step.
 *
 * <p>Memory: the memory cgroup limits the whole process, and {@code --max-old-space-size} is the
 * limit less {@code heap.headroom.bytes}, so V8 reports "JavaScript heap out of memory" before the
 * cgroup kills it. Node reserves far more address space than it uses, so it never gets an
 * address-space limit.
 */
public class JavaScriptLanguage extends InterpretedLanguage {
    public static final String RUNTIME_PATH_CONFIG = "runtime.path";
    public static final String HEAP_HEADROOM_BYTES_CONFIG = ManagedHeap.HEAP_HEADROOM_BYTES_CONFIG;

    private static final Pattern VERSION = Pattern.compile("^v(\\S+)", Pattern.MULTILINE);

    private Path runtime;

    @Override
    public ConfigDef configDef() {
        ConfigDef definition = new ConfigDef();
        definePath(definition, RUNTIME_PATH_CONFIG, "/usr/bin/node", "Path of node on the host.");
        defineFlags(
                definition,
                RUN_FLAGS_CONFIG,
                "",
                "Node flags of each run, after the derived --max-old-space-size.");
        ManagedHeap.defineHeadroom(
                definition, "code, the young generation and Node itself", "--max-old-space-size");
        return definition;
    }

    @Override
    protected Toolchain detectToolchain() {
        runtime = executable(RUNTIME_PATH_CONFIG);
        String version = probeVersion(runtime, List.of("--version"), VERSION).get(0);
        return new Toolchain("node", version, List.of(runtime));
    }

    @Override
    public String sourceFileName() {
        return "main.js";
    }

    @Override
    public List<String> runCommand(String workDir, long memoryBytes) {
        long heapBytes =
                ManagedHeap.heapBytes(memoryBytes, config().getLong(HEAP_HEADROOM_BYTES_CONFIG));
        List<String> command = new ArrayList<>();
        command.add(runtime.toString());
        command.add("--max-old-space-size=" + heapBytes / ManagedHeap.MIB);
        command.addAll(runFlags());
        command.add(workDir + "/" + sourceFileName());
        return command;
    }

    @Override
    public MemoryModel memoryModel() {
        return MemoryModel.CGROUP_ONLY;
    }

    /** Returns true when V8 gave up growing its heap ("JavaScript heap out of memory"). */
    @Override
    public boolean isMemoryError(RunResult result) {
        return stderrText(result).contains("JavaScript heap out of memory");
    }
}
