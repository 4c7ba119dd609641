package dev.codepulse.schemas.registry;

/** Raised when the registry has no schema with the requested id (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode, null);
    }
}
