package dev.codepulse.worker.language;

import dev.codepulse.worker.sandbox.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A language the worker can compile and run. Adding one takes a class with a public no-argument
 * constructor that implements this interface (usually by extending {@link AbstractLanguage}), its
 * id in the worker's {@code languages} list, and {@code language.<id>.class} naming the class. Keys
 * under {@code language.<id>.} configure it.
 *
 * <p>Paths in commands are as they appear inside the sandbox: {@code workDir} is the directory with
 * the source file, and the compiled program when there is one.
 */
public interface Language {

    /** Returns the keys this language reads, named relative to {@code language.<id>.}. */
    ConfigDef configDef();

    /**
     * Reads this language's configuration and finds its toolchain; called once, before any other
     * method but {@link #configDef()}.
     *
     * @param id the language id, such as cpp
     * @param configs the worker's keys under {@code language.<id>.}, with that prefix removed
     * @throws org.apache.kafka.common.config.ConfigException if a key is invalid
     * @throws dev.codepulse.worker.ToolchainUnavailableException if the toolchain is missing
     */
    void configure(String id, Map<String, ?> configs);

    /** Returns the id submissions use, such as cpp. */
    String id();

    /** Returns the name the source is saved under in the work directory, such as main.cpp. */
    String sourceFileName();

    /** Returns the toolchain found at start. */
    Toolchain toolchain();

    /** Returns the flags that shape the compiled program; empty for interpreted languages. */
    List<String> compileFlags();

    /** Returns the flags passed to the runtime or interpreter; empty when there is none. */
    List<String> runFlags();

    /** Returns the compile command, or empty when the language runs its source directly. */
    Optional<List<String>> compileCommand(String workDir);

    /**
     * Returns the command that runs the program under {@code memoryBytes}, sizing the heap of
     * managed runtimes to fit.
     */
    List<String> runCommand(String workDir, long memoryBytes);

    /** Returns the whole environment of compile steps and runs. */
    Map<String, String> environment();

    /** Returns how the memory limit can be enforced. */
    MemoryModel memoryModel();

    /**
     * Returns true when a failed run ran out of memory in a way only the language recognizes, such
     * as a Java OutOfMemoryError or a Python MemoryError.
     */
    boolean isMemoryError(RunResult result);

    /** Returns host paths outside /usr that the toolchain needs inside the sandbox, read-only. */
    List<Path> sandboxPaths();
}
