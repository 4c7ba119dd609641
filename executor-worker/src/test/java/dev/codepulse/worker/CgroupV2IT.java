package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cgroup v2 driver on the host's v2 hierarchy: /sys/fs/cgroup on a v2 host, or the unified
 * hierarchy beside the v1 ones on a hybrid host, where it has no controllers but still counts CPU
 * time and kills runs.
 */
class CgroupV2IT {

    private static Path unifiedRoot() {
        for (String candidate : new String[] {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"}) {
            if (Files.exists(Path.of(candidate, "cgroup.controllers"))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @Test
    void shouldMeasureAndStopRunsInV2Hierarchy() {
        Path root = unifiedRoot();
        assumeTrue(root != null, "this host has no cgroup v2 hierarchy");
        Map<String, Object> config =
                Map.of(
                        ExecutionConfig.SANDBOX_CGROUP_MODE_CONFIG, "v2",
                        ExecutionConfig.SANDBOX_CGROUP_ROOT_DIR_CONFIG, root.toString(),
                        ExecutionConfig.LANGUAGES_CONFIG, "python");

        try (SubmissionExecutor executor = TestExecutors.start(config)) {
            ExecutionOutcome busy =
                    executor.execute(
                            single(
                                    "python",
                                    "while True:\n    pass\n",
                                    "",
                                    limits(300, 10_000, 64 * MIB, MIB)));
            ExecutionOutcome sum =
                    executor.execute(
                            single(
                                    "python",
                                    "print(6 * 7)\n",
                                    "42",
                                    TestSubmissions.defaultLimits()));

            assertThat(executor.sandboxCapabilities().cgroupVersion()).isEqualTo("v2");
            assertThat(executor.sandboxCapabilities().cpuAccounting()).isTrue();
            assertThat(busy.verdict()).as(busy.toString()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
            assertThat(busy.limitExceeded()).isEqualTo(LimitKind.CPU_TIME);
            assertThat(busy.tests().get(0).getCpuMs()).isGreaterThanOrEqualTo(300);
            assertThat(sum.verdict()).as(sum.toString()).isEqualTo(Verdict.ACCEPTED);
        }
    }
}
