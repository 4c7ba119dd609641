package dev.codepulse.worker.language;

import dev.codepulse.worker.sandbox.RunResult;

/** C++, compiled by g++ as GNU C++17 with -O2. */
public class CppLanguage extends GccLanguage {

    @Override
    protected String driverName() {
        return "g++";
    }

    @Override
    protected String extension() {
        return "cpp";
    }

    @Override
    protected String defaultCompileFlags() {
        return "-O2 -std=gnu++17 -pipe";
    }

    @Override
    protected String defaultLinkFlags() {
        return "";
    }

    /**
     * Returns true for an uncaught std::bad_alloc, thrown when an address-space limit stops new.
     */
    @Override
    public boolean isMemoryError(RunResult result) {
        return stderrText(result).contains("std::bad_alloc");
    }
}
