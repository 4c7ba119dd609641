package dev.codepulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MockSchemaRegistry serves the Confluent Schema Registry REST API over real HTTP. */
class MockSchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema V1 =
            SchemaBuilder.record("Order").namespace("t").fields().requiredString("id").endRecord();
    private static final Schema V2_OPTIONAL =
            SchemaBuilder.record("Order")
                    .namespace("t")
                    .fields()
                    .requiredString("id")
                    .name("n")
                    .type()
                    .intType()
                    .intDefault(1)
                    .endRecord();
    private static final Schema V2_REQUIRED =
            SchemaBuilder.record("Order")
                    .namespace("t")
                    .fields()
                    .requiredString("id")
                    .requiredInt("n")
                    .endRecord();

    private final HttpClient http = HttpClient.newHttpClient();
    private MockSchemaRegistry registry;

    @BeforeEach
    void start() {
        registry = MockSchemaRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldRegisterAndReturnId() throws Exception {
        Reply reply = post("/subjects/orders-value/versions", schemaBody(V1));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("id").asInt()).isPositive();
        assertThat(reply.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void shouldRegisterIdempotently() throws Exception {
        int first = post("/subjects/orders-value/versions", schemaBody(V1)).json.get("id").asInt();

        Reply again = post("/subjects/orders-value/versions", schemaBody(V1));

        assertThat(again.json.get("id").asInt()).isEqualTo(first);
        assertThat(get("/subjects/orders-value/versions").json.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepOneIdAcrossSubjects() throws Exception {
        int first = post("/subjects/a-value/versions", schemaBody(V1)).json.get("id").asInt();

        int second = post("/subjects/b-value/versions", schemaBody(V1)).json.get("id").asInt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldLookUpSchemaUnderSubject() throws Exception {
        int id = registry.register("orders-value", V1);

        Reply reply = post("/subjects/orders-value", schemaBody(V1));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.json.get("id").asInt()).isEqualTo(id);
        assertThat(reply.json.get("version").asInt()).isEqualTo(1);
        assertThat(reply.json.get("subject").asText()).isEqualTo("orders-value");
        assertThat(new Schema.Parser().parse(reply.json.get("schema").asText())).isEqualTo(V1);
    }

    @Test
    void shouldAnswer40401ForUnknownSubject() throws Exception {
        Reply reply = post("/subjects/unknown-value", schemaBody(V1));

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void shouldAnswer40403ForSchemaNotUnderSubject() throws Exception {
        registry.register("orders-value", V1);

        Reply reply = post("/subjects/orders-value", schemaBody(V2_OPTIONAL));

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldReturnSchemaById() throws Exception {
        int id = registry.register("orders-value", V1);

        Reply reply = get("/schemas/ids/" + id);

        assertThat(new Schema.Parser().parse(reply.json.get("schema").asText())).isEqualTo(V1);
    }

    @Test
    void shouldAnswer40403ForUnknownId() throws Exception {
        Reply reply = get("/schemas/ids/999");

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldListSubjectsAndVersions() throws Exception {
        registry.register("b-value", V1);
        registry.register("a-value", V1);
        registry.register("a-value", V2_OPTIONAL);

        Reply subjects = get("/subjects");
        Reply versions = get("/subjects/a-value/versions");
        Reply latest = get("/subjects/a-value/versions/latest");

        assertThat(subjects.body).isEqualTo("[\"a-value\",\"b-value\"]");
        assertThat(versions.body).isEqualTo("[1,2]");
        assertThat(latest.json.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRejectIncompatibleRegistrationWith409() throws Exception {
        registry.register("orders-value", V1);

        Reply reply = post("/subjects/orders-value/versions", schemaBody(V2_REQUIRED));

        assertThat(reply.status).isEqualTo(409);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(409);
    }

    @Test
    void shouldAcceptAnySchemaUnderNone() throws Exception {
        registry.register("orders-value", V1);
        put("/config/orders-value", "{\"compatibility\":\"NONE\"}");

        Reply reply = post("/subjects/orders-value/versions", schemaBody(V2_REQUIRED));

        assertThat(reply.status).isEqualTo(200);
    }

    @Test
    void shouldCheckCompatibilityAgainstLatest() throws Exception {
        registry.register("orders-value", V1);

        Reply optional =
                post(
                        "/compatibility/subjects/orders-value/versions/latest",
                        schemaBody(V2_OPTIONAL));
        Reply required =
                post(
                        "/compatibility/subjects/orders-value/versions/latest",
                        schemaBody(V2_REQUIRED));

        assertThat(optional.json.get("is_compatible").asBoolean()).isTrue();
        assertThat(required.json.get("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswer40401ForCompatibilityOfUnknownSubject() throws Exception {
        Reply reply = post("/compatibility/subjects/new-value/versions/latest", schemaBody(V1));

        assertThat(reply.status).isEqualTo(404);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void shouldApplyForwardLevel() throws Exception {
        registry.register("orders-value", V2_REQUIRED);
        put("/config", "{\"compatibility\":\"FORWARD\"}");

        // Old readers (with n required) cannot read records without n.
        Reply reply = post("/subjects/orders-value/versions", schemaBody(V1));

        assertThat(reply.status).isEqualTo(409);
    }

    @Test
    void shouldReadAndWriteCompatibilityLevels() throws Exception {
        Reply global = get("/config");
        Reply set = put("/config/orders-value", "{\"compatibility\":\"full_transitive\"}");
        Reply subject = get("/config/orders-value");
        Reply unset = get("/config/other-value");
        Reply fallback = get("/config/other-value?defaultToGlobal=true");

        assertThat(global.json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(set.json.get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(subject.json.get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(unset.json.get("error_code").asInt()).isEqualTo(40408);
        assertThat(fallback.json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldAnswer42203ForUnknownLevel() throws Exception {
        Reply reply = put("/config", "{\"compatibility\":\"SIDEWAYS\"}");

        assertThat(reply.status).isEqualTo(422);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void shouldAnswer42201ForInvalidSchema() throws Exception {
        Reply reply = post("/subjects/orders-value/versions", "{\"schema\":\"{\\\"type\\\":\"}");

        assertThat(reply.status).isEqualTo(422);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(42201);
    }

    @Test
    void shouldAnswer42201ForInvalidDefault() throws Exception {
        String schema =
                "{\"type\":\"record\",\"name\":\"Bad\",\"fields\":"
                        + "[{\"name\":\"n\",\"type\":\"int\",\"default\":\"one\"}]}";

        Reply reply =
                post(
                        "/subjects/bad-value/versions",
                        JSON.createObjectNode().put("schema", schema).toString());

        assertThat(reply.status).isEqualTo(422);
        assertThat(reply.json.get("error_code").asInt()).isEqualTo(42201);
    }

    @Test
    void shouldAnswer404ForUnknownPath() throws Exception {
        Reply reply = get("/nothing/here");

        assertThat(reply.status).isEqualTo(404);
    }

    @Test
    void shouldDecodeSubjectInPath() throws Exception {
        post("/subjects/orders%2Bv1%20value/versions", schemaBody(V1));

        assertThat(registry.subjects()).containsExactly("orders+v1 value");
    }

    @Test
    void shouldFailNextRequestsWith500() throws Exception {
        registry.failNextRequests(2);

        Reply first = get("/subjects");
        Reply second = get("/subjects");
        Reply third = get("/subjects");

        assertThat(first.status).isEqualTo(500);
        assertThat(first.json.get("error_code").asInt()).isEqualTo(50001);
        assertThat(second.status).isEqualTo(500);
        assertThat(third.status).isEqualTo(200);
    }

    @Test
    void shouldRequireBasicAuth() throws Exception {
        registry.requireBasicAuth("u", "p");
        String header =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

        Reply without = get("/subjects");
        Reply with = send(request("/subjects").header("Authorization", header).GET());

        assertThat(without.status).isEqualTo(401);
        assertThat(with.status).isEqualTo(200);
        assertThat(registry.requests())
                .extracting(MockSchemaRegistry.Request::authorization)
                .containsExactly(null, header);
    }

    @Test
    void shouldCountRequests() throws Exception {
        get("/subjects");
        get("/config");

        assertThat(registry.requestCount()).isEqualTo(2);
        assertThat(registry.requests())
                .extracting(MockSchemaRegistry.Request::path)
                .containsExactly("/subjects", "/config");
    }

    @Test
    void shouldDelayResponses() throws Exception {
        registry.setResponseDelay(Duration.ofSeconds(30));
        HttpRequest request = request("/subjects").timeout(Duration.ofMillis(200)).GET().build();

        Throwable failure =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> http.send(request, HttpResponse.BodyHandlers.ofString()));

        assertThat(failure).isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void shouldServeOnLoopback() {
        String url = registry.url();

        assertThat(url).startsWith("http://127.0.0.1:");
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(registry.url() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private Reply post(String path, String body) throws IOException, InterruptedException {
        return send(
                request(path)
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply put(String path, String body) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                response.body(),
                JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    private record Reply(int status, String body, JsonNode json, String contentType) {}
}
