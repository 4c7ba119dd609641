package dev.codepulse.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this project's generated classes. Avro 1.12 loads only classes from
 * packages it trusts when decoding specific records, and rejects the others with a
 * SecurityException.
 */
final class AvroTrust {
    private static boolean installed;

    private AvroTrust() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(
                        ClassSecurityValidator.getGlobal(),
                        type -> type.getName().startsWith("dev.codepulse.schemas.")));
        installed = true;
    }
}
