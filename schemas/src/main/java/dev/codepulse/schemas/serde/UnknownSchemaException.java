package dev.codepulse.schemas.serde;

/**
 * Raised when the writer schema of a record cannot be found: an Avro fingerprint that no shipped
 * schema version has, or a schema id the registry does not know.
 */
public class UnknownSchemaException extends EventSerdeException {
    private static final long serialVersionUID = 1L;

    public UnknownSchemaException(String message) {
        super(message);
    }

    public UnknownSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
