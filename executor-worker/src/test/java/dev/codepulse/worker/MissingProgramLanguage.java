package dev.codepulse.worker;

import dev.codepulse.worker.language.AbstractLanguage;
import dev.codepulse.worker.language.MemoryModel;
import dev.codepulse.worker.language.Toolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A language added through configuration alone, whose program does not exist inside the sandbox:
 * every run fails on the platform's side.
 */
public class MissingProgramLanguage extends AbstractLanguage {
    static final String PROGRAM = "/usr/bin/codepulse-missing-program";

    @Override
    public ConfigDef configDef() {
        return new ConfigDef();
    }

    @Override
    protected Toolchain detectToolchain() {
        return new Toolchain("missing", "1.0", List.of(Path.of("/usr/bin/true")));
    }

    @Override
    public String sourceFileName() {
        return "main.txt";
    }

    @Override
    public List<String> compileFlags() {
        return List.of();
    }

    @Override
    public List<String> runFlags() {
        return List.of();
    }

    @Override
    public Optional<List<String>> compileCommand(String workDir) {
        return Optional.empty();
    }

    @Override
    public List<String> runCommand(String workDir, long memoryBytes) {
        return List.of(PROGRAM);
    }

    @Override
    public MemoryModel memoryModel() {
        return MemoryModel.ADDRESS_SPACE_FALLBACK;
    }
}
