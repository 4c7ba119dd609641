package dev.codepulse.worker.language;

/** C, compiled by gcc as GNU C11 with -O2 and linked with the math library. */
public class CLanguage extends GccLanguage {

    @Override
    protected String driverName() {
        return "gcc";
    }

    @Override
    protected String extension() {
        return "c";
    }

    @Override
    protected String defaultCompileFlags() {
        return "-O2 -std=gnu11 -pipe";
    }

    @Override
    protected String defaultLinkFlags() {
        return "-lm";
    }
}
