package dev.codepulse.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Root of the errors raised while encoding or decoding events.
 *
 * <p>It extends Kafka's {@link SerializationException}, so Kafka clients and Kafka Streams treat it
 * as a serialization failure and their handlers apply.
 */
public class EventSerdeException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public EventSerdeException(String message) {
        super(message);
    }

    public EventSerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
