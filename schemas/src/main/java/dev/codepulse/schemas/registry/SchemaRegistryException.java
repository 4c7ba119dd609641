package dev.codepulse.schemas.registry;

import dev.codepulse.schemas.serde.EventSerdeException;

/**
 * Raised when a schema registry call fails: connection refused, timeout, or an error response. The
 * message names the subject or id, the URL and the registry's error code when it sent one.
 */
public class SchemaRegistryException extends EventSerdeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param httpStatus HTTP status of the response, or -1 when no response arrived
     * @param errorCode the registry's error_code, or -1 when the response had none
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** Returns the HTTP status of the response, or -1 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns the registry's error_code, such as 40403 for an unknown schema, or -1. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Returns true when retrying later may succeed: no response (connection failure or timeout),
     * HTTP 408 or 429, or a 5xx status.
     */
    public boolean isRetriable() {
        return httpStatus == -1 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }
}
