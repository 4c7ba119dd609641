package dev.codepulse.streams.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.streams.QueryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/** Forwards a query to the HTTP endpoint of another instance of the application. */
public final class RemoteQueries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param timeout time limit of one forwarded request
     */
    public RemoteQueries(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Sends a GET request and returns the JSON object it answers, or null when it answers 404.
     *
     * @throws QueryUnavailableException if the instance does not answer in time or answers with an
     *     error
     */
    public Map<String, Object> get(HostInfo host, String path, Map<String, String> query) {
        URI uri =
                URI.create(
                        "http://" + host.host() + ":" + host.port() + path + "?" + encode(query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QueryUnavailableException(
                    "Failed to forward the query to " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryUnavailableException("Interrupted while forwarding to " + uri, e);
        }
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new QueryUnavailableException(
                    "Instance "
                            + host.host()
                            + ":"
                            + host.port()
                            + " answered "
                            + response.statusCode()
                            + " to "
                            + uri
                            + ": "
                            + response.body());
        }
        try {
            return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new QueryUnavailableException(
                    "Instance " + host.host() + ":" + host.port() + " answered invalid JSON", e);
        }
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(
                        entry ->
                                URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(
                                                entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
