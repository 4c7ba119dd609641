package dev.codepulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.schemas.TestCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tests of a submission from a JSON file: an array of objects with {@code name}, {@code
 * stdin} and {@code expectedStdout}, all strings.
 *
 * <pre>[{"name": "small", "stdin": "1 2\n", "expectedStdout": "3\n"}]</pre>
 */
final class TestsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestsFile() {}

    /**
     * Parses the file.
     *
     * @throws IllegalArgumentException naming the file and the entry when the content is invalid
     */
    static List<TestCase> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Failed to read tests file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid tests file "
                            + file
                            + ": expected a non-empty JSON array of {name, stdin, expectedStdout}");
        }
        List<TestCase> tests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String name = text(file, i, entry, "name");
            if (!names.add(name)) {
                throw new IllegalArgumentException(
                        "Invalid tests file " + file + ": duplicate test name '" + name + "'");
            }
            tests.add(
                    new TestCase(
                            name,
                            text(file, i, entry, "stdin"),
                            text(file, i, entry, "expectedStdout")));
        }
        return tests;
    }

    private static String text(Path file, int index, JsonNode entry, String field) {
        JsonNode value = entry == null ? null : entry.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(
                    "Invalid tests file "
                            + file
                            + ": entry "
                            + index
                            + " needs a string field '"
                            + field
                            + "'");
        }
        return value.asText();
    }
}
