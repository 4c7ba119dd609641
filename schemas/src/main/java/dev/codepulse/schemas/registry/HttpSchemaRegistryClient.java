package dev.codepulse.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codepulse.schemas.serde.SerdeConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.types.Password;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (v1 content type),
 * using the JDK HTTP client.
 *
 * <p>Responses are cached in two bounded caches: schemas by id (ids are immutable), and ids by
 * subject and schema. Failures are not cached. Every request has a connect timeout and a request
 * timeout that covers the complete response. Errors name the subject or id, the URL, the HTTP
 * status and the registry's error code; they never contain the basic-auth credentials.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private final String url;
    private final RegistryHttp http;
    private final Cache<Integer, Schema> schemasById;
    private final Cache<Map.Entry<String, Schema>, Integer> idsBySubjectAndSchema;

    /** Creates a client from the {@code schema.registry.*} keys of a serde configuration. */
    public HttpSchemaRegistryClient(SerdeConfig config) {
        this(
                config.registryUrl(),
                Duration.ofMillis(
                        config.getInt(SerdeConfig.SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(
                        config.getInt(SerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG)),
                config.getInt(SerdeConfig.SCHEMA_REGISTRY_CACHE_CAPACITY_CONFIG),
                config.basicAuthUserInfo());
    }

    /**
     * Creates a client.
     *
     * @param url base URL, such as http://localhost:8081
     * @param connectTimeout time limit for opening a connection
     * @param requestTimeout time limit for a whole request, from sending it to the complete
     *     response
     * @param cacheCapacity maximum entries of each cache, at least 1
     * @param basicAuthUserInfo USER:PASSWORD for basic authentication, or null
     * @throws IllegalArgumentException if the URL is not a valid registry URL (see {@link
     *     RegistryUrl#normalize(String)}), a timeout is not positive or the capacity is below 1
     */
    public HttpSchemaRegistryClient(
            String url,
            Duration connectTimeout,
            Duration requestTimeout,
            int cacheCapacity,
            Password basicAuthUserInfo) {
        this.url = RegistryUrl.normalize(url);
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException(
                    "cacheCapacity must be at least 1, but was " + cacheCapacity);
        }
        this.http = new RegistryHttp(this.url, connectTimeout, requestTimeout, basicAuthUserInfo);
        this.schemasById = newCache(cacheCapacity);
        this.idsBySubjectAndSchema = newCache(cacheCapacity);
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.get(
                Map.entry(subject, schema),
                key -> {
                    String path = "/subjects/" + encode(subject) + "/versions";
                    JsonNode body = http.post(path, schemaBody(schema), "subject " + subject);
                    int id = requiredInt(body, "id", path);
                    schemasById.put(id, schema);
                    return id;
                });
    }

    @Override
    public OptionalInt lookUpId(String subject, Schema schema) {
        Integer cached = idsBySubjectAndSchema.getIfPresent(Map.entry(subject, schema));
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        String path = "/subjects/" + encode(subject);
        JsonNode body;
        try {
            body = http.post(path, schemaBody(schema), "subject " + subject);
        } catch (SchemaRegistryException e) {
            // Only the registry's own "subject not found" and "schema not found" mean that the
            // schema is not registered. Any other 404, such as a wrong path prefix in the URL,
            // is a failure.
            if (e.httpStatus() == 404 && (e.errorCode() == 40401 || e.errorCode() == 40403)) {
                return OptionalInt.empty();
            }
            throw e;
        }
        int id = requiredInt(body, "id", path);
        idsBySubjectAndSchema.put(Map.entry(subject, schema), id);
        return OptionalInt.of(id);
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.get(
                id,
                key -> {
                    String path = "/schemas/ids/" + id;
                    JsonNode body = http.get(path, "schema id " + id);
                    String text = requiredText(body, "schema", path);
                    try {
                        return new Schema.Parser().parse(text);
                    } catch (SchemaParseException e) {
                        throw http.invalidResponse(
                                path, "schema id " + id + " is not a valid Avro schema: " + e);
                    }
                });
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
        JsonNode body;
        try {
            body = http.post(path, schemaBody(schema), "subject " + subject);
        } catch (SchemaRegistryException e) {
            // A subject without versions (40401) or without a latest version (40402) accepts any
            // schema, as the registry itself does on first registration.
            if (e.httpStatus() == 404 && (e.errorCode() == 40401 || e.errorCode() == 40402)) {
                return true;
            }
            throw e;
        }
        JsonNode verdict = body.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw http.invalidResponse(path, "missing boolean field is_compatible");
        }
        return verdict.booleanValue();
    }

    @Override
    public String url() {
        return url;
    }

    private static <K, V> Cache<K, V> newCache(int capacity) {
        // Maintenance runs on the calling thread, so the bound applies as soon as a call returns
        // and no work goes to the shared ForkJoinPool.
        return Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    }

    private String requiredText(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw http.invalidResponse(path, "missing string field " + field);
        }
        return node.asText();
    }

    private int requiredInt(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (node == null || !node.isInt()) {
            throw http.invalidResponse(path, "missing integer field " + field);
        }
        return node.asInt();
    }

    private static String schemaBody(Schema schema) {
        return RegistryHttp.JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
