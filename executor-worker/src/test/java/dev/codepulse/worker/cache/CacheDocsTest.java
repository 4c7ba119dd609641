package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheDocsTest {
    private static final Path DOC = Path.of("..", "docs", "CACHE.md");
    private static final String START = "<!-- config-table:start -->\n";
    private static final String END = "<!-- config-table:end -->";

    @Test
    void shouldDocumentEveryConfigurationKey() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        String table = doc.substring(doc.indexOf(START) + START.length(), doc.indexOf(END));

        assertThat(table)
                .as("the configuration table of %s; replace it with the expected text", DOC)
                .isEqualTo(ConfigDocs.markdownTable(CacheConfig.configDef()));
    }
}
