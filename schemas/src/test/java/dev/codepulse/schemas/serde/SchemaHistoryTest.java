package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards schema evolution: every shipped older version stays readable, and a change to a current
 * schema fails until its previous version is kept in the history.
 */
class SchemaHistoryTest {
    private static final String RELEASED = "dev/codepulse/schemas/released-fingerprints.txt";

    static List<String> historyFiles() throws IOException {
        return lines(SchemaCatalog.HISTORY_DIRECTORY + "index.txt");
    }

    @ParameterizedTest
    @MethodSource("historyFiles")
    void shouldParseEveryListedVersion(String file) throws IOException {
        Schema older = parseHistory(file);

        assertThat(older.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(file).startsWith(older.getName() + "-v").endsWith(".avsc");
    }

    @ParameterizedTest
    @MethodSource("historyFiles")
    void shouldReadEveryListedVersionWithCurrentSchema(String file) throws IOException {
        Schema older = parseHistory(file);
        Schema current = currentSchema(older.getFullName());

        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, older);

        assertThat(result.getType())
                .as("%s read by the current schema: %s", file, result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @MethodSource("historyFiles")
    void shouldDifferFromCurrentVersion(String file) throws IOException {
        Schema older = parseHistory(file);

        long current = fingerprint(currentSchema(older.getFullName()));

        assertThat(fingerprint(older)).as(file).isNotEqualTo(current);
    }

    @Test
    void shouldListEveryHistoryFileInIndex() throws IOException, URISyntaxException {
        URL directory = getClass().getClassLoader().getResource(SchemaCatalog.HISTORY_DIRECTORY);
        List<String> files;
        try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
            files =
                    paths.map(path -> path.getFileName().toString())
                            .filter(name -> name.endsWith(".avsc"))
                            .toList();
        }

        assertThat(historyFiles()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void shouldLoadEveryListedVersionIntoCatalog() throws IOException {
        int listed = historyFiles().size();

        int loaded = 0;
        for (String record : SchemaCatalog.recordsWithHistory()) {
            loaded += SchemaCatalog.olderVersions(record).size();
        }

        assertThat(loaded).isEqualTo(listed);
    }

    @Test
    void shouldRecordFingerprintOfEveryEventRecord() throws IOException {
        Set<String> eventRecords = eventSchemas().keySet();

        Set<String> recorded = releasedFingerprints().keySet();

        assertThat(recorded).containsExactlyInAnyOrderElementsOf(eventRecords);
    }

    @Test
    void shouldKeepPreviousVersionWhenSchemaChanges() throws IOException {
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, String> released : releasedFingerprints().entrySet()) {
            String current = hex(fingerprint(currentSchema(released.getKey())));
            if (!current.equals(released.getValue())) {
                problems.add(changeProcedure(released.getKey(), released.getValue(), current));
            }
        }

        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static String changeProcedure(String record, String released, String current) {
        boolean kept =
                SchemaCatalog.olderVersions(record).stream()
                        .anyMatch(older -> hex(fingerprint(older)).equals(released));
        String simpleName = record.substring(record.lastIndexOf('.') + 1);
        if (!kept) {
            return record
                    + " changed (fingerprint "
                    + released
                    + " -> "
                    + current
                    + "). Copy the previous version, as "
                    + simpleName
                    + ".getClassSchema().toString(true) prints it in a build before the change,"
                    + " to schemas/src/main/resources/"
                    + SchemaCatalog.HISTORY_DIRECTORY
                    + simpleName
                    + "-vN.avsc, list it in index.txt there, then write "
                    + current
                    + " in schemas/src/test/resources/"
                    + RELEASED;
        }
        return record
                + " changed and its previous version is kept in the history; write "
                + current
                + " for it in schemas/src/test/resources/"
                + RELEASED;
    }

    private static Map<String, String> releasedFingerprints() throws IOException {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String line : lines(RELEASED)) {
            String[] parts = line.split("\\s+");
            fingerprints.put(parts[0], parts[1]);
        }
        return fingerprints;
    }

    private static Schema currentSchema(String fullName) {
        Schema current = eventSchemas().get(fullName);
        assertThat(current).as("current schema of %s", fullName).isNotNull();
        return current;
    }

    // The schema of every Avro value type in Topics, by full name.
    private static Map<String, Schema> eventSchemas() {
        return Topics.all().stream()
                .map(topic -> topic.valueType())
                .filter(SpecificRecord.class::isAssignableFrom)
                .map(type -> SpecificData.get().getSchema(type))
                .collect(Collectors.toMap(Schema::getFullName, schema -> schema));
    }

    private static Schema parseHistory(String file) throws IOException {
        try (InputStream in = resource(SchemaCatalog.HISTORY_DIRECTORY + file)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SchemaHistoryTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("resource %s", name).isNotNull();
        return in;
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
