package dev.codepulse.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestEvents;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.schemas.serde.SerdeConfig;
import dev.codepulse.testsupport.LogCapture;
import dev.codepulse.testsupport.MockSchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The basic-auth password reaches the registry in the header and nowhere else. */
class RegistryCredentialsTest {
    private static final String USER = "svc-serde";
    private static final String PASSWORD = "Pa55-w0rd-91c4";
    private static final Schema SCHEMA = Submission.getClassSchema();

    private MockSchemaRegistry registry;
    private LogCapture logs;

    @BeforeEach
    void start() {
        registry = MockSchemaRegistry.start();
        registry.requireBasicAuth(USER, PASSWORD);
        logs = LogCapture.start(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @AfterEach
    void stop() {
        logs.close();
        registry.close();
    }

    @Test
    void shouldAuthenticateWithConfiguredUserInfo() {
        EventSerdes serdes =
                EventSerdes.fromConfig(
                        Map.of(
                                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                registry.url(),
                                SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG,
                                USER + ":" + PASSWORD));

        byte[] bytes =
                serdes.serde(Submission.class).serialize("auth", TestEvents.submission().build());

        assertThat(bytes[0]).isZero();
        assertThat(registry.subjects()).containsExactly("auth-value");
    }

    @Test
    void shouldKeepPasswordOutOfErrors() throws IOException {
        List<Throwable> errors = new ArrayList<>();

        errors.add(
                failure(
                        () ->
                                client(registry.url(), USER + ":wrong-" + PASSWORD)
                                        .register("a", SCHEMA)));
        registry.requireBasicAuth(null, null);
        registry.failNextRequests(1);
        errors.add(
                failure(() -> client(registry.url(), USER + ":" + PASSWORD).register("b", SCHEMA)));
        registry.setResponseDelay(Duration.ofSeconds(10));
        errors.add(failure(() -> client(registry.url(), USER + ":" + PASSWORD).schemaById(1)));
        registry.setResponseDelay(Duration.ZERO);
        errors.add(
                failure(
                        () ->
                                client("http://127.0.0.1:" + closedPort(), USER + ":" + PASSWORD)
                                        .register("c", SCHEMA)));
        errors.add(failure(() -> client("http://" + USER + ":" + PASSWORD + "@127.0.0.1:1", null)));
        errors.add(failure(() -> client("htp://" + USER + ":" + PASSWORD + "@127.0.0.1:1", null)));
        errors.add(failure(() -> client(USER + ":" + PASSWORD + "@127.0.0.1:1", null)));
        errors.add(
                failure(
                        () ->
                                new SerdeConfig(
                                        Map.of(
                                                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                                "http://"
                                                        + USER
                                                        + ":"
                                                        + PASSWORD
                                                        + "@host:8081"))));
        errors.add(
                failure(
                        () ->
                                new SerdeConfig(
                                        Map.of(
                                                SerdeConfig
                                                        .SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG,
                                                PASSWORD))));

        assertThat(errors).hasSize(9).doesNotContainNull();
        assertThat(messagesOf(errors)).noneMatch(message -> message.contains(PASSWORD));
    }

    @Test
    void shouldKeepPasswordOutOfLogs() {
        SerdeConfig config =
                new SerdeConfig(
                        Map.of(
                                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                registry.url(),
                                SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG,
                                USER + ":" + PASSWORD));

        try (EventSerdes serdes =
                EventSerdes.withRegistry(new HttpSchemaRegistryClient(config), true)) {
            serdes.serde(Submission.class).serialize("logged", TestEvents.submission().build());
            org.slf4j.LoggerFactory.getLogger(getClass())
                    .info("Serdes ready format={} config={}", serdes.describe(), config.values());
        }

        List<String> lines =
                logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.contains("Serdes ready"));
        assertThat(lines).noneMatch(line -> line.contains(PASSWORD));
    }

    private static HttpSchemaRegistryClient client(String url, String userInfo) {
        return new HttpSchemaRegistryClient(
                url,
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                10,
                userInfo == null ? null : new Password(userInfo));
    }

    private static Throwable failure(ThrowingCall call) {
        return catchThrowable(call::run);
    }

    private static List<String> messagesOf(List<Throwable> errors) {
        List<String> messages = new ArrayList<>();
        for (Throwable error : errors) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t));
                messages.add(String.valueOf(t.getMessage()));
            }
        }
        return messages;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
