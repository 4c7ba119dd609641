package dev.codepulse.testsupport.registry;

/**
 * An error response of the mock registry: an HTTP status, the registry's {@code error_code} and a
 * message, as the Confluent Schema Registry sends them.
 */
public final class RegistryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String version) {
        return new RegistryError(404, 40402, "Version " + version + " not found.");
    }

    static RegistryError schemaNotFound() {
        return new RegistryError(404, 40403, "Schema not found");
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema " + detail);
    }

    /** Returns the HTTP status, such as 404. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns the registry error code, such as 40401 for an unknown subject. */
    public int errorCode() {
        return errorCode;
    }
}
