package dev.codepulse.schemas.registry;

import java.io.Closeable;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * The calls of the Confluent Schema Registry REST API that serialization needs. Kept behind this
 * interface so another client can replace the project's own HTTP one.
 *
 * <p>Implementations are thread-safe and may cache answers; schemas by id never change, so they may
 * be cached forever within a size bound.
 */
public interface SchemaRegistryClient extends Closeable {
    /**
     * Registers {@code schema} under {@code subject}, or returns its id when it is already
     * registered there.
     *
     * @return the registry's global id of the schema
     * @throws IncompatibleSchemaException if the registry rejects the schema as incompatible with
     *     the subject's earlier versions (HTTP 409)
     * @throws SchemaRegistryException if the registry cannot be reached, times out or fails
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of {@code schema} under {@code subject} without registering it.
     *
     * @return the id, or empty when the subject or the schema is not registered
     * @throws SchemaRegistryException if the registry cannot be reached, times out or fails
     */
    OptionalInt lookUpId(String subject, Schema schema);

    /**
     * Returns the schema with the given global id.
     *
     * @throws SchemaNotFoundException if the registry has no schema with that id (HTTP 404)
     * @throws SchemaRegistryException if the registry cannot be reached, times out or fails
     */
    Schema schemaById(int id);

    /**
     * Checks whether {@code schema} is compatible with the latest version under {@code subject}, by
     * the subject's configured compatibility level. A subject with no versions accepts any schema.
     *
     * @throws SchemaRegistryException if the registry cannot be reached, times out or fails
     */
    boolean isCompatible(String subject, Schema schema);

    /** Returns the base URL of the registry, for messages. */
    String url();

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {}
}
