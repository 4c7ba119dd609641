package dev.codepulse.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this project's generated classes. Avro 1.12 loads only classes from
 * packages it trusts when decoding specific records, and rejects the others with a
 * SecurityException.
 */
final class AvroTrust {
    private static final String GENERATED_PACKAGE = "dev.codepulse.schemas";

    private static boolean installed;

    private AvroTrust() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(
                        ClassSecurityValidator.getGlobal(), AvroTrust::isGeneratedType));
        installed = true;
    }

    /**
     * Trusts only the records and enums generated from this module's schemas, so a schema's
     * java-class property cannot make Avro load any other class of the project.
     */
    static boolean isGeneratedType(Class<?> type) {
        return GENERATED_PACKAGE.equals(type.getPackageName())
                && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
    }
}
