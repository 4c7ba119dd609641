package dev.codepulse.worker;

import static org.assertj.core.api.Assertions.fail;

import dev.codepulse.worker.sandbox.internals.HostFacts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts executors on the real sandbox for integration tests. */
final class TestExecutors {
    private TestExecutors() {}

    /**
     * Fails, rather than skips, when the host cannot run the real sandbox: these tests prove the
     * isolation, so passing without it would prove nothing.
     */
    static void requireRealSandbox() {
        if (!HostFacts.isRoot()) {
            fail(
                    "These tests run programs in the real sandbox, which needs root (for the uid"
                            + " switch, cgroups and tmpfs mounts); run them as root.");
        }
        if (!HostFacts.isExecutable(Path.of("/usr/bin/bwrap"))) {
            fail(
                    "These tests run programs in the real sandbox, which needs bubblewrap at"
                            + " /usr/bin/bwrap; install it with apt-get install -y bubblewrap.");
        }
    }

    /** Starts an executor with two slots and the given overrides. */
    static SubmissionExecutor start(Map<String, Object> overrides) {
        requireRealSandbox();
        Map<String, Object> config = new HashMap<>();
        config.put(ExecutionConfig.EXECUTOR_SLOTS_CONFIG, 2);
        config.putAll(overrides);
        return SubmissionExecutor.start(new ExecutionConfig(config));
    }

    static SubmissionExecutor start() {
        return start(Map.of());
    }
}
