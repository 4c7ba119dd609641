package dev.codepulse.worker;

import java.util.List;

/**
 * The parts of a result-cache key that a language supplies: the same source, tests and limits give
 * the same outcome only with the same toolchain version, flags and {@link
 * SubmissionExecutor#RUNNER_VERSION}.
 *
 * @param id language id, such as cpp
 * @param toolchain toolchain name and version as reported, such as g++ 12.2.0
 * @param toolchainVersion version alone, such as 12.2.0
 * @param compileFlags compiler flags; empty for interpreted languages
 * @param runFlags interpreter or runtime flags; empty for native programs
 */
public record LanguageInfo(
        String id,
        String toolchain,
        String toolchainVersion,
        List<String> compileFlags,
        List<String> runFlags) {

    public LanguageInfo {
        compileFlags = List.copyOf(compileFlags);
        runFlags = List.copyOf(runFlags);
    }
}
