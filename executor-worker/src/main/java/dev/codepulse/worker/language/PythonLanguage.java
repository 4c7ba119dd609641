package dev.codepulse.worker.language;

import dev.codepulse.worker.sandbox.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Python 3, run from main.py by the system interpreter without a compile step. The default path is
 * /usr/bin/python3 on purpose: a version manager's shim on PATH (pyenv) lives in a home directory
 * the sandbox uid cannot read and costs about 100 ms per start.
 */
public class PythonLanguage extends InterpretedLanguage {
    public static final String INTERPRETER_PATH_CONFIG = "interpreter.path";

    private static final Pattern VERSION = Pattern.compile("Python (\\S+)");
    private static final Pattern MEMORY_ERROR =
            Pattern.compile("^MemoryError\\b", Pattern.MULTILINE);

    private Path interpreter;

    @Override
    public ConfigDef configDef() {
        ConfigDef definition = new ConfigDef();
        definePath(
                definition,
                INTERPRETER_PATH_CONFIG,
                "/usr/bin/python3",
                "Path of the Python 3 interpreter on the host.");
        defineFlags(
                definition,
                RUN_FLAGS_CONFIG,
                "-I",
                "Interpreter flags of each run; -I ignores PYTHON* variables and the user's"
                        + " site directory.");
        return definition;
    }

    @Override
    protected Toolchain detectToolchain() {
        interpreter = executable(INTERPRETER_PATH_CONFIG);
        String version = probeVersion(interpreter, List.of("--version"), VERSION).get(0);
        return new Toolchain("python", version, List.of(interpreter));
    }

    @Override
    public String sourceFileName() {
        return "main.py";
    }

    @Override
    public List<String> runCommand(String workDir, long memoryBytes) {
        List<String> command = new ArrayList<>();
        command.add(interpreter.toString());
        command.addAll(runFlags());
        command.add(workDir + "/" + sourceFileName());
        return command;
    }

    @Override
    public MemoryModel memoryModel() {
        return MemoryModel.ADDRESS_SPACE_FALLBACK;
    }

    /**
     * Returns true for an uncaught MemoryError, raised when an address-space limit stops malloc.
     */
    @Override
    public boolean isMemoryError(RunResult result) {
        return MEMORY_ERROR.matcher(stderrText(result)).find();
    }
}
