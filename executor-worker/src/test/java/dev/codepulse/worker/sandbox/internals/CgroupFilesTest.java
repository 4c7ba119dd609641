package dev.codepulse.worker.sandbox.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupFilesTest {
    @TempDir Path dir;

    @Test
    void shouldReadKeyedValues() throws Exception {
        Path events =
                Files.writeString(
                        dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");

        assertThat(CgroupFiles.readKey(events, "oom_kill")).isEqualTo(1);
        assertThat(CgroupFiles.readKey(events, "max")).isEqualTo(12);
        assertThat(CgroupFiles.readKey(events, "oom_group_kill")).isEqualTo(-1);
        assertThat(CgroupFiles.readKey(dir.resolve("missing"), "max")).isEqualTo(-1);
    }

    @Test
    void shouldReadNumbersAndMax() throws Exception {
        Path peak = Files.writeString(dir.resolve("memory.peak"), "123456\n");
        Path limit = Files.writeString(dir.resolve("memory.max"), "max\n");

        assertThat(CgroupFiles.readLong(peak)).isEqualTo(123456);
        assertThat(CgroupFiles.readLong(limit)).isEqualTo(Long.MAX_VALUE);
        assertThat(CgroupFiles.readLong(dir.resolve("missing"))).isEqualTo(-1);
    }

    @Test
    void shouldReadPidsOfMissingCgroup() throws Exception {
        Path procs = Files.writeString(dir.resolve("cgroup.procs"), "12\n345\n");

        assertThat(CgroupFiles.readPids(procs)).containsExactly(12L, 345L);
        assertThat(CgroupFiles.readPids(dir.resolve("gone"))).isEmpty();
    }
}
