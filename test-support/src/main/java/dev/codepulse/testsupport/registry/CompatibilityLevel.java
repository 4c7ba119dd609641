package dev.codepulse.testsupport.registry;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The compatibility levels of the Confluent Schema Registry, checked with Avro's {@link
 * SchemaCompatibility}.
 *
 * <p>BACKWARD: the new schema can read data written with the old one. FORWARD: the old schema can
 * read data written with the new one. FULL: both. The plain levels compare with the latest version
 * only; the TRANSITIVE levels compare with every version.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /**
     * Parses a level name, ignoring case.
     *
     * @throws RegistryError with error code 42203 if the name is not a level
     */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RegistryError(
                    422,
                    42203,
                    "Invalid compatibility level '"
                            + name
                            + "'; valid levels: "
                            + List.of(values()));
        }
    }

    /**
     * Checks a new schema against the existing versions of a subject, oldest first.
     *
     * @return true when this level allows registering {@code candidate}
     */
    public boolean allows(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return true;
        }
        List<Schema> compared =
                name().endsWith("_TRANSITIVE")
                        ? existing
                        : List.of(existing.get(existing.size() - 1));
        return compared.stream().allMatch(old -> allowsAgainst(candidate, old));
    }

    /** Checks a new schema against one existing version, ignoring transitivity. */
    public boolean allowsAgainst(Schema candidate, Schema old) {
        boolean backward = canRead(candidate, old);
        boolean forward = canRead(old, candidate);
        return switch (this) {
            case NONE -> true;
            case BACKWARD, BACKWARD_TRANSITIVE -> backward;
            case FORWARD, FORWARD_TRANSITIVE -> forward;
            case FULL, FULL_TRANSITIVE -> backward && forward;
        };
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
