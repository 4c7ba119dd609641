package dev.codepulse.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldServeJsonMetricsHealthAndErrors() throws Exception {
        PrometheusMeterRegistry registry = Metrics.prometheus("test-service", "instance-1");
        registry.counter("codepulse.test.requests").increment();

        try (HttpEndpoint endpoint =
                HttpEndpoint.bind("test", "127.0.0.1", 0)
                        .route(
                                "/echo",
                                query ->
                                        HttpEndpoint.Response.ok(
                                                Map.of("name", query.getOrDefault("name", ""))))
                        .route(
                                "/strict",
                                query -> {
                                    throw new IllegalArgumentException("Invalid severity 'x'");
                                })
                        .metrics(registry)
                        .health(() -> Map.of("checks", 1), () -> true)
                        .start()) {
            String base = "http://127.0.0.1:" + endpoint.port();

            HttpResponse<String> echo = get(base + "/echo?name=a%20b");
            HttpResponse<String> strict = get(base + "/strict");
            HttpResponse<String> metrics = get(base + "/metrics");
            HttpResponse<String> health = get(base + "/health");
            HttpResponse<String> post =
                    client.send(
                            HttpRequest.newBuilder(URI.create(base + "/echo"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.body()).contains("\"name\" : \"a b\"");
            assertThat(strict.statusCode()).isEqualTo(400);
            assertThat(strict.body()).contains("Invalid severity 'x'");
            assertThat(metrics.body())
                    .contains("codepulse_test_requests_total")
                    .contains("service=\"test-service\"");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\" : \"UP\"");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(endpoint.host()).isEqualTo("127.0.0.1");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
