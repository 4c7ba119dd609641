package dev.codepulse.testsupport.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The in-memory state of the mock registry: schemas with global ids, subjects with their versions,
 * and compatibility levels. Thread-safe; every method is atomic.
 *
 * <p>As in the Confluent Schema Registry, a schema is identified by its parsed JSON text (so
 * whitespace does not matter, but docs and properties do), and one schema keeps one id across
 * subjects.
 */
public final class RegistryStore {
    /** One version of a subject. */
    public record SubjectVersion(String subject, int version, int id, String schema) {}

    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /**
     * Registers a schema under a subject, or returns its id when the subject already has it.
     *
     * @throws RegistryError 422/42201 for an invalid schema, 409/409 for an incompatible one
     */
    public synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        Integer known = idsBySchema.get(canonical);
        if (known != null && ids.contains(known)) {
            return known;
        }
        CompatibilityLevel level = effectiveLevel(subject);
        if (!level.allows(schema, schemas(ids))) {
            throw new RegistryError(
                    409,
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject"
                            + " \""
                            + subject
                            + "\" under compatibility level "
                            + level);
        }
        int id = known != null ? known : nextId++;
        idsBySchema.put(canonical, id);
        schemasById.put(id, schema);
        idsBySubject.computeIfAbsent(subject, key -> new ArrayList<>()).add(id);
        return id;
    }

    /**
     * Finds a schema among the versions of a subject.
     *
     * @throws RegistryError 404/40401 for an unknown subject, 404/40403 when the subject lacks the
     *     schema, 422/42201 for an invalid schema
     */
    public synchronized SubjectVersion lookUp(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        List<Integer> ids = requireSubject(subject);
        Integer id = idsBySchema.get(schema.toString());
        int index = id == null ? -1 : ids.indexOf(id);
        if (index < 0) {
            throw RegistryError.schemaNotFound();
        }
        return new SubjectVersion(subject, index + 1, id, schemasById.get(id).toString());
    }

    /**
     * Returns the schema text with a global id.
     *
     * @throws RegistryError 404/40403 when no schema has that id
     */
    public synchronized String schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound();
        }
        return schema.toString();
    }

    /** Returns every subject, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    /**
     * Returns the version numbers of a subject, from 1.
     *
     * @throws RegistryError 404/40401 for an unknown subject
     */
    public synchronized List<Integer> versions(String subject) {
        int count = requireSubject(subject).size();
        List<Integer> versions = new ArrayList<>(count);
        for (int version = 1; version <= count; version++) {
            versions.add(version);
        }
        return versions;
    }

    /**
     * Returns one version of a subject; {@code version} is a number from 1 or {@code latest}.
     *
     * @throws RegistryError 404/40401 for an unknown subject, 404/40402 for an unknown version,
     *     422/42202 for a version that is neither a positive number nor latest
     */
    public synchronized SubjectVersion version(String subject, String version) {
        List<Integer> ids = requireSubject(subject);
        int number = parseVersion(version, ids.size());
        if (number < 1 || number > ids.size()) {
            throw RegistryError.versionNotFound(version);
        }
        int id = ids.get(number - 1);
        return new SubjectVersion(subject, number, id, schemasById.get(id).toString());
    }

    /**
     * Checks a schema against one version of a subject, or against the versions the subject's level
     * compares with when {@code version} is null.
     *
     * @throws RegistryError as {@link #version(String, String)}, and 422/42201 for an invalid
     *     schema
     */
    public synchronized boolean isCompatible(String subject, String version, String schemaText) {
        Schema schema = parse(schemaText);
        CompatibilityLevel level = effectiveLevel(subject);
        if (version == null) {
            return level.allows(schema, schemas(requireSubject(subject)));
        }
        SubjectVersion old = version(subject, version);
        return level.allowsAgainst(schema, schemasById.get(old.id()));
    }

    /** Returns the global compatibility level; BACKWARD until changed. */
    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** Sets the global compatibility level. */
    public synchronized void setGlobalLevel(CompatibilityLevel level) {
        globalLevel = level;
    }

    /** Returns the level set for one subject, if any. */
    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** Sets the level of one subject, which then overrides the global level. */
    public synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Integer> requireSubject(String subject) {
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        return ids;
    }

    private List<Schema> schemas(List<Integer> ids) {
        return ids.stream().map(schemasById::get).toList();
    }

    private static int parseVersion(String version, int latest) {
        if ("latest".equals(version) || "-1".equals(version)) {
            return latest;
        }
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the registry's error code.
        }
        throw new RegistryError(
                422,
                42202,
                "The specified version '"
                        + version
                        + "' is not a valid version id. Allowed values are between [1,"
                        + " 2^31-1] and the string \"latest\"");
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null) {
            throw RegistryError.invalidSchema("(missing)");
        }
        try {
            // Defaults are validated, as the registry does, so a bad default is rejected here.
            return new Schema.Parser().setValidateDefaults(true).parse(schemaText);
        } catch (AvroRuntimeException e) {
            throw RegistryError.invalidSchema(schemaText + ": " + e.getMessage());
        }
    }
}
