package dev.codepulse.worker.sandbox.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {

    @Test
    void shouldUnescapeOctalCharacters() {
        assertThat(MountTable.unescape("/mnt/with\\040space")).isEqualTo("/mnt/with space");
        assertThat(MountTable.unescape("/plain")).isEqualTo("/plain");
    }

    @Test
    void shouldFindRootMountPoint() throws Exception {
        assertThat(MountTable.isMountPoint(Path.of("/"))).isTrue();
        assertThat(MountTable.isMountPoint(Path.of("/proc/self"))).isFalse();
    }
}
