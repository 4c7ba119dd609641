package dev.codepulse.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codepulse.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.types.Password;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (v1 content type),
 * using the JDK HTTP client.
 *
 * <p>Answers are cached in two bounded LRU-like caches: schemas by id (ids are immutable), and ids
 * by subject and schema. Every request has a connect and a response timeout. Errors name the
 * subject or id, the URL, the HTTP status and the registry's error code.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json,"
                    + " application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final String authorization;
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
     * @param requestTimeout time limit for a whole request
     * @param cacheCapacity maximum entries of each cache
     * @param basicAuthUserInfo USER:PASSWORD for basic authentication, or null
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL
     */
    public HttpSchemaRegistryClient(
            String url,
            Duration connectTimeout,
            Duration requestTimeout,
            int cacheCapacity,
            Password basicAuthUserInfo) {
        this.url = validateUrl(url);
        this.requestTimeout =
                Objects.requireNonNull(requestTimeout, "requestTimeout can't be null");
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.authorization =
                basicAuthUserInfo == null || basicAuthUserInfo.value() == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                basicAuthUserInfo
                                                        .value()
                                                        .getBytes(StandardCharsets.UTF_8));
        this.schemasById = Caffeine.newBuilder().maximumSize(cacheCapacity).build();
        this.idsBySubjectAndSchema = Caffeine.newBuilder().maximumSize(cacheCapacity).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.get(
                Map.entry(subject, schema),
                key -> {
                    String path = "/subjects/" + encode(subject) + "/versions";
                    JsonNode body = post(path, schemaBody(schema), "subject " + subject);
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
        try {
            int id = requiredInt(post(path, schemaBody(schema), "subject " + subject), "id", path);
            idsBySubjectAndSchema.put(Map.entry(subject, schema), id);
            return OptionalInt.of(id);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.get(
                id,
                key -> {
                    String path = "/schemas/ids/" + id;
                    JsonNode body = send(newRequest(path).GET().build(), "schema id " + id);
                    String text = requiredText(body, "schema", path);
                    try {
                        return new Schema.Parser().parse(text);
                    } catch (SchemaParseException e) {
                        throw new SchemaRegistryException(
                                "Invalid Avro schema for schema id " + id + " from " + url + path,
                                200,
                                -1,
                                e);
                    }
                });
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
        try {
            JsonNode body = post(path, schemaBody(schema), "subject " + subject);
            JsonNode verdict = body.get("is_compatible");
            if (verdict == null || !verdict.isBoolean()) {
                throw new SchemaRegistryException(
                        "Invalid response from " + url + path + ": missing boolean is_compatible",
                        200,
                        -1,
                        null);
            }
            return verdict.booleanValue();
        } catch (SchemaRegistryException e) {
            // A subject without versions (40401) or without a latest version (40402) accepts any
            // schema, as the registry itself does on first registration.
            if (e.httpStatus() == 404 && (e.errorCode() == 40401 || e.errorCode() == 40402)) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public String url() {
        return url;
    }

    private JsonNode post(String path, String body, String what) {
        HttpRequest request =
                newRequest(path)
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
        return send(request, what);
    }

    private HttpRequest.Builder newRequest(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(requestTimeout)
                        .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request, String what) {
        String target = request.method() + " " + request.uri();
        HttpResponse<String> response;
        try {
            response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException(
                    "Schema registry request for "
                            + what
                            + " timed out after "
                            + requestTimeout.toMillis()
                            + " ms: "
                            + target,
                    -1,
                    -1,
                    e);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "Schema registry request for " + what + " failed: " + target + ": " + e,
                    -1,
                    -1,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    "Interrupted during schema registry request for " + what + ": " + target,
                    -1,
                    -1,
                    e);
        }
        return parseResponse(response, what, target);
    }

    private static JsonNode parseResponse(
            HttpResponse<String> response, String what, String target) {
        JsonNode body = parseJson(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300 && body != null) {
            return body;
        }
        int errorCode =
                body != null && body.path("error_code").isInt()
                        ? body.get("error_code").asInt()
                        : -1;
        String detail =
                body != null && body.hasNonNull("message")
                        ? body.get("message").asText()
                        : abbreviate(response.body());
        String message =
                "Schema registry rejected the request for "
                        + what
                        + ": "
                        + target
                        + " returned HTTP "
                        + status
                        + (errorCode == -1 ? "" : " error_code " + errorCode)
                        + ": "
                        + detail;
        if (status == 409) {
            throw new IncompatibleSchemaException(message, errorCode);
        }
        if (status == 404 && errorCode == 40403 && target.contains("/schemas/ids/")) {
            throw new SchemaNotFoundException(message, errorCode);
        }
        throw new SchemaRegistryException(message, status, errorCode, null);
    }

    private static JsonNode parseJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private String requiredText(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new SchemaRegistryException(
                    "Invalid response from " + url + path + ": missing string field " + field,
                    200,
                    -1,
                    null);
        }
        return node.asText();
    }

    private int requiredInt(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (node == null || !node.isInt()) {
            throw new SchemaRegistryException(
                    "Invalid response from " + url + path + ": missing integer field " + field,
                    200,
                    -1,
                    null);
        }
        return node.asInt();
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(empty body)";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static String validateUrl(String url) {
        Objects.requireNonNull(url, "url can't be null");
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid schema registry URL '" + url + "': " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Invalid schema registry URL '"
                            + url
                            + "': expected http://HOST:PORT or https://HOST:PORT");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "Invalid schema registry URL: credentials in the URL are not accepted; set "
                            + SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG
                            + " instead");
        }
        return trimmed;
    }
}
