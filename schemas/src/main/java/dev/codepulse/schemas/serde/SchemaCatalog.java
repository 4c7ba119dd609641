package dev.codepulse.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every older schema version shipped with this module, so readers can decode events written before
 * a field was added.
 *
 * <p>When a schema changes, copy the full JSON of the previous version (as printed by {@code
 * Record.getClassSchema().toString(true)}) to {@code dev/codepulse/schemas/history/} under {@code
 * NAME-vN.avsc} and list it in {@code index.txt} there. SchemaHistoryTest checks that every current
 * schema can read every listed version, and fails when a schema changed without its previous
 * version being kept. docs/SERIALIZATION.md describes the whole procedure.
 */
public final class SchemaCatalog {
    static final String HISTORY_DIRECTORY = "dev/codepulse/schemas/history/";

    private static final Map<String, List<Schema>> HISTORY = load();

    private SchemaCatalog() {}

    /**
     * Returns the shipped older versions of a record, oldest first; empty when the record never
     * changed.
     *
     * @param fullName full Avro name, such as dev.codepulse.schemas.Submission
     */
    public static List<Schema> olderVersions(String fullName) {
        return HISTORY.getOrDefault(fullName, List.of());
    }

    /** Returns the full names of all records that have older versions. */
    public static Iterable<String> recordsWithHistory() {
        return HISTORY.keySet();
    }

    private static Map<String, List<Schema>> load() {
        Map<String, List<Schema>> history = new HashMap<>();
        for (String file : readIndex()) {
            Schema schema = parse(HISTORY_DIRECTORY + file);
            history.computeIfAbsent(schema.getFullName(), name -> new ArrayList<>()).add(schema);
        }
        history.replaceAll((name, versions) -> List.copyOf(versions));
        return Map.copyOf(history);
    }

    private static List<String> readIndex() {
        List<String> files = new ArrayList<>();
        try (InputStream in = open(HISTORY_DIRECTORY + "index.txt");
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String file = line.strip();
                if (!file.isEmpty() && !file.startsWith("#")) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the schema history index", e);
        }
        return files;
    }

    private static Schema parse(String resource) {
        try (InputStream in = open(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read schema " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    "Missing resource " + resource + " in the schemas module; rebuild it");
        }
        return in;
    }
}
