package dev.codepulse.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.types.Password;

/**
 * Sends requests to the registry's REST API and maps error responses to exceptions.
 *
 * <p>Every exception message names what was requested (a subject or a schema id), the method and
 * the URL. The basic-auth credentials are only ever put in the Authorization header.
 */
final class RegistryHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json,"
                    + " application/json";
    private static final int MAX_DETAIL_CHARS = 200;

    private final String url;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String authorization;

    RegistryHttp(
            String url,
            Duration connectTimeout,
            Duration requestTimeout,
            Password basicAuthUserInfo) {
        this.url = url;
        this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
        this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.authorization = basicAuthHeader(basicAuthUserInfo);
    }

    /** Sends a GET request and returns the JSON body of a 2xx response. */
    JsonNode get(String path, String requested) {
        return send(newRequest(path).GET().build(), requested);
    }

    /** Sends a POST request with a JSON body and returns the JSON body of a 2xx response. */
    JsonNode post(String path, String body, String requested) {
        HttpRequest request =
                newRequest(path)
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
        return send(request, requested);
    }

    /** Returns an exception for a 2xx response that lacks requested the API documents. */
    SchemaRegistryException invalidResponse(String path, String problem) {
        return new SchemaRegistryException(
                "Invalid response from the schema registry at " + url + path + ": " + problem,
                200,
                -1,
                null);
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

    /**
     * Sends a request and waits at most the request timeout for the complete response. The JDK
     * client's own request timeout stops at the response headers, so a registry that stalls while
     * sending the body would otherwise hold the caller without limit.
     */
    private JsonNode send(HttpRequest request, String requested) {
        String target = request.method() + " " + request.uri();
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(requested, target, requestTimeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(
                    "Interrupted during the schema registry request for "
                            + requested
                            + ": "
                            + target,
                    -1,
                    -1,
                    e);
        } catch (ExecutionException e) {
            throw failed(requested, target, e.getCause());
        }
        return parseResponse(response, requested, target);
    }

    private SchemaRegistryException failed(String requested, String target, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return timedOut(requested, target + " (connecting)", connectTimeout, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(requested, target, requestTimeout, cause);
        }
        return new SchemaRegistryException(
                "Schema registry request for "
                        + requested
                        + " failed: "
                        + target
                        + ": "
                        + describe(cause),
                -1,
                -1,
                cause);
    }

    private static SchemaRegistryException timedOut(
            String requested, String target, Duration timeout, Throwable cause) {
        return new SchemaRegistryException(
                "Schema registry request for "
                        + requested
                        + " timed out after "
                        + timeout.toMillis()
                        + " ms: "
                        + target,
                -1,
                -1,
                cause);
    }

    private JsonNode parseResponse(HttpResponse<String> response, String requested, String target) {
        JsonNode body = parseJson(response.body());
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw parseResponseFailure(response, body, requested, target);
        }
        if (body == null) {
            throw new SchemaRegistryException(
                    "Invalid response from the schema registry for "
                            + requested
                            + ": "
                            + target
                            + " returned HTTP "
                            + status
                            + " with a body that is not JSON: "
                            + abbreviate(response.body()),
                    status,
                    -1,
                    null);
        }
        return body;
    }

    private SchemaRegistryException parseResponseFailure(
            HttpResponse<String> response, JsonNode body, String requested, String target) {
        int status = response.statusCode();
        int errorCode =
                body != null && body.path("error_code").isInt()
                        ? body.get("error_code").asInt()
                        : -1;
        String detail =
                body != null && body.hasNonNull("message")
                        ? body.get("message").asText()
                        : abbreviate(response.body());
        String message =
                "Schema registry request for "
                        + requested
                        + " failed: "
                        + target
                        + " returned HTTP "
                        + status
                        + (errorCode == -1 ? "" : " error_code " + errorCode)
                        + ": "
                        + detail;
        if (status == 409) {
            return new IncompatibleSchemaException(message, errorCode);
        }
        if (status == 404 && errorCode == 40403 && target.contains("/schemas/ids/")) {
            return new SchemaNotFoundException(message, errorCode);
        }
        return new SchemaRegistryException(message, status, errorCode, null);
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

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " (caused by " + root + ")";
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_DETAIL_CHARS
                ? flat
                : flat.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    private static String basicAuthHeader(Password userInfo) {
        if (userInfo == null || userInfo.value() == null || userInfo.value().isEmpty()) {
            return null;
        }
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(userInfo.value().getBytes(StandardCharsets.UTF_8));
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    name + " must be a positive duration, but was " + duration);
        }
        return duration;
    }
}
