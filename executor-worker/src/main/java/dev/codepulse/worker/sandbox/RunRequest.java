package dev.codepulse.worker.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program to run in a slot.
 *
 * @param command program and arguments, with paths as they appear inside the sandbox (see {@link
 *     SandboxSlot#workDir()})
 * @param stdin bytes fed to standard input, then closed
 * @param limits resource limits of the run
 * @param writableWorkDir true to let the run write the work directory (compile steps); test runs
 *     see it read-only
 * @param mergeStderr true to read stderr into stdout, in the order written
 * @param environment the program's whole environment; nothing of the worker's is inherited
 * @param stdoutRetainBytes how much of stdout to keep in the result
 * @param stderrRetainBytes how much of stderr to keep in the result
 * @param addressSpaceFallback true to limit the address space to the memory limit when no memory
 *     cgroup is available. Leave it false for the JVM and Node, because they reserve far more
 *     address space than they use.
 */
public record RunRequest(
        List<String> command,
        byte[] stdin,
        RunLimits limits,
        boolean writableWorkDir,
        boolean mergeStderr,
        Map<String, String> environment,
        long stdoutRetainBytes,
        long stderrRetainBytes,
        boolean addressSpaceFallback) {

    public RunRequest {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty; it needs at least a program");
        }
        Objects.requireNonNull(stdin, "stdin can't be null");
        Objects.requireNonNull(limits, "limits can't be null");
        environment = Map.copyOf(environment);
    }

    /**
     * Starts a request for {@code command} with no stdin, no environment and no retained output.
     */
    public static Builder builder(List<String> command, RunLimits limits) {
        return new Builder(command, limits);
    }

    /** Builder of a {@link RunRequest}; every setting but the command and limits is optional. */
    public static final class Builder {
        private final List<String> command;
        private final RunLimits limits;
        private byte[] stdin = new byte[0];
        private boolean writableWorkDir;
        private boolean mergeStderr;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private long stdoutRetainBytes;
        private long stderrRetainBytes;
        private boolean addressSpaceFallback;

        private Builder(List<String> command, RunLimits limits) {
            this.command = Objects.requireNonNull(command, "command can't be null");
            this.limits = Objects.requireNonNull(limits, "limits can't be null");
        }

        public Builder stdin(byte[] bytes) {
            this.stdin = Objects.requireNonNull(bytes, "bytes can't be null");
            return this;
        }

        public Builder writableWorkDir(boolean writable) {
            this.writableWorkDir = writable;
            return this;
        }

        public Builder mergeStderr(boolean merge) {
            this.mergeStderr = merge;
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            this.environment.putAll(variables);
            return this;
        }

        public Builder retain(long stdoutBytes, long stderrBytes) {
            this.stdoutRetainBytes = stdoutBytes;
            this.stderrRetainBytes = stderrBytes;
            return this;
        }

        public Builder addressSpaceFallback(boolean fallback) {
            this.addressSpaceFallback = fallback;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(
                    command,
                    stdin,
                    limits,
                    writableWorkDir,
                    mergeStderr,
                    environment,
                    stdoutRetainBytes,
                    stderrRetainBytes,
                    addressSpaceFallback);
        }
    }
}
