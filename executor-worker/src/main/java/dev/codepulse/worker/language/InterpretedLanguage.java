package dev.codepulse.worker.language;

import java.util.List;
import java.util.Optional;

/** A language whose runtime runs the source directly, with its flags under {@code run.flags}. */
public abstract class InterpretedLanguage extends AbstractLanguage {
    public static final String RUN_FLAGS_CONFIG = "run.flags";

    @Override
    public List<String> compileFlags() {
        return List.of();
    }

    @Override
    public List<String> runFlags() {
        return splitFlags(config().getString(RUN_FLAGS_CONFIG));
    }

    @Override
    public Optional<List<String>> compileCommand(String workDir) {
        return Optional.empty();
    }
}
