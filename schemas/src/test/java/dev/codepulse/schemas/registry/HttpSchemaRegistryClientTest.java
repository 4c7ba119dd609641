package dev.codepulse.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.testsupport.MockSchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttpSchemaRegistryClientTest {
    private static final Schema V1 =
            SchemaBuilder.record("Order")
                    .namespace("test.registry")
                    .fields()
                    .requiredString("id")
                    .endRecord();
    private static final Schema V2_WITH_DEFAULT =
            SchemaBuilder.record("Order")
                    .namespace("test.registry")
                    .fields()
                    .requiredString("id")
                    .name("quantity")
                    .type()
                    .intType()
                    .intDefault(1)
                    .endRecord();
    private static final Schema V2_WITHOUT_DEFAULT =
            SchemaBuilder.record("Order")
                    .namespace("test.registry")
                    .fields()
                    .requiredString("id")
                    .requiredInt("quantity")
                    .endRecord();

    private MockSchemaRegistry registry;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = MockSchemaRegistry.start();
        client = client(registry.url(), Duration.ofSeconds(5), 100);
    }

    @AfterEach
    void stopRegistry() {
        client.close();
        registry.close();
    }

    @Test
    void shouldRegisterAndReturnGlobalId() {
        int id = client.register("orders-value", V1);

        assertThat(id).isEqualTo(registry.register("orders-value", V1));
        assertThat(registry.subjects()).containsExactly("orders-value");
    }

    @Test
    void shouldReturnSameIdWhenRegisteredAgain() {
        int first = client.register("orders-value", V1);

        int again = client(registry.url(), Duration.ofSeconds(5), 100).register("orders-value", V1);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldKeepOneIdAcrossSubjects() {
        int first = client.register("orders-value", V1);

        int second = client.register("archived-orders-value", V1);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldLookUpRegisteredSchema() {
        int id = registry.register("orders-value", V1);

        OptionalInt found = client.lookUpId("orders-value", V1);

        assertThat(found).hasValue(id);
    }

    @Test
    void shouldReturnEmptyWhenSubjectUnknown() {
        OptionalInt found = client.lookUpId("unknown-value", V1);

        assertThat(found).isEmpty();
    }

    @Test
    void shouldReturnEmptyWhenSchemaNotUnderSubject() {
        registry.register("orders-value", V1);

        OptionalInt found = client.lookUpId("orders-value", V2_WITH_DEFAULT);

        assertThat(found).isEmpty();
    }

    @Test
    void shouldFailLookUpOnWrongPathPrefix() {
        HttpSchemaRegistryClient misconfigured =
                client(registry.url() + "/no-registry-here", Duration.ofSeconds(5), 100);

        assertThatThrownBy(() -> misconfigured.lookUpId("orders-value", V1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void shouldFetchSchemaById() {
        int id = registry.register("orders-value", V2_WITH_DEFAULT);

        Schema schema = client.schemaById(id);

        assertThat(schema).isEqualTo(V2_WITH_DEFAULT);
    }

    @Test
    void shouldRaiseSchemaNotFoundForUnknownId() {
        assertThatThrownBy(() -> client.schemaById(4242))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 4242")
                .hasMessageContaining(registry.url() + "/schemas/ids/4242")
                .hasMessageContaining("40403");
    }

    @Test
    void shouldReportCompatibleSchema() {
        registry.register("orders-value", V1);

        boolean compatible = client.isCompatible("orders-value", V2_WITH_DEFAULT);

        assertThat(compatible).isTrue();
    }

    @Test
    void shouldReportIncompatibleSchema() {
        registry.register("orders-value", V1);

        boolean compatible = client.isCompatible("orders-value", V2_WITHOUT_DEFAULT);

        assertThat(compatible).isFalse();
    }

    @Test
    void shouldTreatUnknownSubjectAsCompatible() {
        boolean compatible = client.isCompatible("new-value", V2_WITHOUT_DEFAULT);

        assertThat(compatible).isTrue();
    }

    @Test
    void shouldRaiseIncompatibleWhenRegistrationRejected() {
        registry.register("orders-value", V1);

        assertThatThrownBy(() -> client.register("orders-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject orders-value")
                .hasMessageContaining(registry.url() + "/subjects/orders-value/versions")
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void shouldRaiseUnprocessableForInvalidDefault() {
        Schema invalidDefault =
                new Schema.Parser()
                        .setValidateDefaults(false)
                        .parse(
                                "{\"type\":\"record\",\"name\":\"Bad\",\"fields\":[{\"name\":\"n\","
                                        + "\"type\":\"int\",\"default\":\"one\"}]}");

        assertThatThrownBy(() -> client.register("bad-value", invalidDefault))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(422);
                            assertThat(e.errorCode()).isEqualTo(42201);
                            assertThat(e.isRetriable()).isFalse();
                        })
                .hasMessageContaining("subject bad-value");
    }

    @Test
    void shouldRaiseRetriableOnServerError() {
        registry.failNextRequests(1);

        assertThatThrownBy(() -> client.register("orders-value", V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(500);
                            assertThat(e.errorCode()).isEqualTo(50001);
                            assertThat(e.isRetriable()).isTrue();
                        })
                .hasMessageContaining(registry.url());
    }

    @Test
    void shouldSucceedOnRetryAfterServerError() {
        registry.failNextRequests(1);
        assertThatThrownBy(() -> client.register("orders-value", V1))
                .isInstanceOf(SchemaRegistryException.class);

        int id = client.register("orders-value", V1);

        assertThat(id).isEqualTo(registry.register("orders-value", V1));
    }

    @Test
    @Timeout(30)
    void shouldTimeOutWhenResponseIsDelayed() {
        HttpSchemaRegistryClient impatient = client(registry.url(), Duration.ofMillis(300), 100);
        registry.setResponseDelay(Duration.ofSeconds(60));

        assertThatThrownBy(() -> impatient.register("slow-value", V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue())
                .hasMessageContaining("timed out after 300 ms")
                .hasMessageContaining("subject slow-value")
                .hasMessageContaining(registry.url() + "/subjects/slow-value/versions");
    }

    @Test
    @Timeout(30)
    void shouldTimeOutWhenResponseBodyStalls() {
        HttpSchemaRegistryClient impatient = client(registry.url(), Duration.ofMillis(300), 100);
        int id = registry.register("stalled-value", V1);
        registry.setBodyStall(Duration.ofSeconds(60));

        assertThatThrownBy(() -> impatient.schemaById(id))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("timed out after 300 ms")
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining(registry.url() + "/schemas/ids/" + id);
    }

    @Test
    void shouldNameUrlWhenConnectionRefused() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        HttpSchemaRegistryClient unreachable = client(url, Duration.ofSeconds(5), 100);

        assertThatThrownBy(() -> unreachable.register("orders-value", V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue())
                .hasMessageContaining("subject orders-value")
                .hasMessageContaining(url + "/subjects/orders-value/versions")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void shouldCacheRegisteredIds() {
        client.register("orders-value", V1);
        int requests = registry.requestCount();

        client.register("orders-value", V1);
        client.lookUpId("orders-value", V1);

        assertThat(registry.requestCount()).isEqualTo(requests);
    }

    @Test
    void shouldCacheSchemasById() {
        int id = registry.register("orders-value", V1);
        client.schemaById(id);
        int requests = registry.requestCount();

        client.schemaById(id);
        client.schemaById(id);

        assertThat(registry.requestCount()).isEqualTo(requests);
    }

    @Test
    void shouldCacheLookedUpIds() {
        registry.register("orders-value", V1);
        client.lookUpId("orders-value", V1);
        int requests = registry.requestCount();

        client.lookUpId("orders-value", V1);
        client.register("orders-value", V1);

        assertThat(registry.requestCount()).isEqualTo(requests);
    }

    @Test
    void shouldNotCacheFailures() {
        registry.failNextRequests(1);
        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaRegistryException.class);
        int requests = registry.requestCount();

        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaNotFoundException.class);

        assertThat(registry.requestCount()).isEqualTo(requests + 1);
    }

    @Test
    void shouldEvictBeyondCacheCapacity() {
        HttpSchemaRegistryClient small = client(registry.url(), Duration.ofSeconds(5), 10);
        int[] ids = new int[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = registry.register("bounded-" + i + "-value", numbered(i));
        }
        for (int id : ids) {
            small.schemaById(id);
        }
        int requests = registry.requestCount();

        for (int id : ids) {
            small.schemaById(id);
        }

        // At most 10 of the 50 schemas can still be cached.
        assertThat(registry.requestCount() - requests).isGreaterThanOrEqualTo(40);
    }

    @Test
    void shouldSendBasicAuthHeader() {
        registry.requireBasicAuth("svc-serde", "s3cr3t-Pa55");
        HttpSchemaRegistryClient authenticated =
                new HttpSchemaRegistryClient(
                        registry.url(),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        100,
                        new org.apache.kafka.common.config.types.Password("svc-serde:s3cr3t-Pa55"));

        authenticated.register("orders-value", V1);

        assertThat(registry.requests().get(0).authorization())
                .isEqualTo("Basic c3ZjLXNlcmRlOnMzY3IzdC1QYTU1");
    }

    @Test
    void shouldRaiseUnauthorizedWithoutCredentials() {
        registry.requireBasicAuth("svc-serde", "s3cr3t-Pa55");

        assertThatThrownBy(() -> client.register("orders-value", V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void shouldRejectZeroCacheCapacity() {
        assertThatThrownBy(() -> client(registry.url(), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cacheCapacity");
    }

    @Test
    void shouldRejectZeroTimeout() {
        assertThatThrownBy(() -> client(registry.url(), Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
    }

    @Test
    void shouldStripTrailingSlashFromUrl() {
        HttpSchemaRegistryClient slashed = client(registry.url() + "//", Duration.ofSeconds(5), 10);

        int id = slashed.register("orders-value", V1);

        assertThat(slashed.url()).isEqualTo(registry.url());
        assertThat(id).isPositive();
    }

    static HttpSchemaRegistryClient client(String url, Duration requestTimeout, int capacity) {
        return new HttpSchemaRegistryClient(
                url, Duration.ofSeconds(2), requestTimeout, capacity, null);
    }

    private static Schema numbered(int i) {
        return SchemaBuilder.record("Numbered" + i)
                .namespace("test.registry")
                .fields()
                .requiredLong("value")
                .endRecord();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
