package dev.codepulse.schemas.registry;

/** Raised when the registry rejects a schema as incompatible with its subject (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message, int errorCode) {
        super(message, 409, errorCode, null);
    }
}
