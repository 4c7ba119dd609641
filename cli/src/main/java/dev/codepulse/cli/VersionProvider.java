package dev.codepulse.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, which the build writes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Codepulse.class.getPackage().getImplementationVersion();
        return new String[] {"codepulse " + (version == null ? "(development build)" : version)};
    }
}
