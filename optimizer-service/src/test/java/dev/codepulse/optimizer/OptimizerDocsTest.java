package dev.codepulse.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptimizerDocsTest {
    private static final Path DOC = Path.of("..", "docs", "OPTIMIZER.md");
    private static final Path GENERATED = Path.of("target", "optimizer-configuration.md");

    // The generated table is written to target/ so that a failing check can be fixed by copying it.
    @Test
    void shouldDocumentEveryConfigurationKey() throws IOException {
        String table = ConfigDocs.markdownTable(OptimizerConfig.configDef());
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, table, StandardCharsets.UTF_8);

        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        assertThat(doc).as("docs/OPTIMIZER.md contains " + GENERATED).contains(table);
    }
}
