package dev.codepulse.testsupport.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maps REST requests of the Confluent Schema Registry API onto a {@link RegistryStore} and renders
 * the responses as JSON, as the real registry does.
 */
public final class RegistryRoutes {
    /** A response: HTTP status and JSON body. */
    public record Response(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryStore store;

    public RegistryRoutes(RegistryStore store) {
        this.store = store;
    }

    /**
     * Handles one request.
     *
     * @param method HTTP method
     * @param rawPath path of the request URI, still percent-encoded
     * @param rawQuery query of the request URI, or null
     * @param body request body, empty for none
     */
    public Response handle(String method, String rawPath, String rawQuery, String body) {
        try {
            List<String> path = segments(rawPath);
            return ok(route(method, path, rawQuery, body));
        } catch (RegistryError e) {
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (IOException e) {
            return error(422, 42201, "Invalid request body: " + e.getMessage());
        }
    }

    /** Returns an error response in the registry's format. */
    public static Response error(int status, int errorCode, String message) {
        ObjectNode node = JSON.createObjectNode().put("error_code", errorCode);
        node.put("message", message);
        return new Response(status, node.toString());
    }

    private Object route(String method, List<String> path, String query, String body)
            throws IOException {
        String first = path.isEmpty() ? "" : path.get(0);
        return switch (first) {
            case "subjects" -> subjects(method, path, body);
            case "schemas" -> schemas(method, path);
            case "compatibility" -> compatibility(method, path, body);
            case "config" -> config(method, path, query, body);
            default -> throw notFound();
        };
    }

    private Object subjects(String method, List<String> path, String body) throws IOException {
        if (path.size() == 1) {
            requireMethod(method, "GET");
            return store.subjects();
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            requireMethod(method, "POST");
            return subjectVersion(store.lookUp(subject, schemaText(body)));
        }
        if (!"versions".equals(path.get(2)) || path.size() > 4) {
            throw notFound();
        }
        if (path.size() == 3 && "POST".equals(method)) {
            return JSON.createObjectNode().put("id", store.register(subject, schemaText(body)));
        }
        requireMethod(method, "GET");
        if (path.size() == 3) {
            return store.versions(subject);
        }
        return subjectVersion(store.version(subject, path.get(3)));
    }

    private Object schemas(String method, List<String> path) {
        if (path.size() != 3 || !"ids".equals(path.get(1))) {
            throw notFound();
        }
        requireMethod(method, "GET");
        int id;
        try {
            id = Integer.parseInt(path.get(2));
        } catch (NumberFormatException e) {
            throw notFound();
        }
        return JSON.createObjectNode().put("schema", store.schemaById(id));
    }

    private Object compatibility(String method, List<String> path, String body) throws IOException {
        boolean shapeMatches =
                (path.size() == 4 || path.size() == 5)
                        && "subjects".equals(path.get(1))
                        && "versions".equals(path.get(3));
        if (!shapeMatches) {
            throw notFound();
        }
        requireMethod(method, "POST");
        String version = path.size() == 5 ? path.get(4) : null;
        boolean compatible = store.isCompatible(path.get(2), version, schemaText(body));
        return JSON.createObjectNode().put("is_compatible", compatible);
    }

    private Object config(String method, List<String> path, String query, String body)
            throws IOException {
        if (path.size() > 2) {
            throw notFound();
        }
        String subject = path.size() == 2 ? path.get(1) : null;
        if ("PUT".equals(method)) {
            CompatibilityLevel level =
                    CompatibilityLevel.parse(JSON.readTree(body).path("compatibility").asText());
            if (subject == null) {
                store.setGlobalLevel(level);
            } else {
                store.setSubjectLevel(subject, level);
            }
            return JSON.createObjectNode().put("compatibility", level.name());
        }
        requireMethod(method, "GET");
        CompatibilityLevel level =
                subject == null ? store.globalLevel() : subjectLevel(subject, query);
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private CompatibilityLevel subjectLevel(String subject, String query) {
        Optional<CompatibilityLevel> level = store.subjectLevel(subject);
        boolean defaultToGlobal = query != null && query.contains("defaultToGlobal=true");
        if (level.isEmpty() && defaultToGlobal) {
            return store.globalLevel();
        }
        return level.orElseThrow(
                () ->
                        new RegistryError(
                                404,
                                40408,
                                "Subject '"
                                        + subject
                                        + "' does not have subject-level compatibility"
                                        + " configured"));
    }

    private static ObjectNode subjectVersion(RegistryStore.SubjectVersion version) {
        ObjectNode node = JSON.createObjectNode().put("subject", version.subject());
        node.put("version", version.version());
        node.put("id", version.id());
        node.put("schema", version.schema());
        return node;
    }

    private static String schemaText(String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        if (request == null || !request.path("schema").isTextual()) {
            throw RegistryError.invalidSchema("(the request has no string field schema)");
        }
        String type = request.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw RegistryError.invalidSchema("of type " + type + ": this mock supports AVRO only");
        }
        return request.get("schema").asText();
    }

    private static Response ok(Object value) {
        return new Response(200, JSON.valueToTree(value).toString());
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    private static RegistryError notFound() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                // URLDecoder decodes form data, where '+' means a space, but in a path it is a
                // plus.
                .map(segment -> segment.replace("+", "%2B"))
                .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
                .toList();
    }
}
