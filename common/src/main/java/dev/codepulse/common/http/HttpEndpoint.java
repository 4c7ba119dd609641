package dev.codepulse.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codepulse.common.CodepulseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for a service's queries, Prometheus metrics ({@code /metrics}) and health
 * ({@code /health}), on the JDK's built-in server. Handlers return a status and a body that is
 * serialised as JSON; anything a handler throws becomes a 500 with the error message.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String name;

    /** A GET handler: the query parameters in, a response out. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Map<String, String> query) throws Exception;
    }

    /** A response: HTTP status, body serialised as JSON (or sent as-is when a String with type). */
    public record Response(int status, Object body, String contentType) {
        /** Returns a 200 response with a JSON body. */
        public static Response ok(Object body) {
            return new Response(200, body, "application/json");
        }

        /** Returns an error response whose JSON body carries the message. */
        public static Response error(int status, String message) {
            return new Response(status, Map.of("error", message), "application/json");
        }

        /** Returns a 200 response sending {@code text} with the given content type. */
        public static Response text(String text, String contentType) {
            return new Response(200, text, contentType);
        }
    }

    private HttpEndpoint(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds a server; call {@link #start()} after adding routes.
     *
     * @param name service name, for logs
     * @param port 0 picks a free port
     * @throws CodepulseException if the address cannot be bound
     */
    public static HttpEndpoint bind(String name, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 50);
        } catch (IOException e) {
            throw new CodepulseException(
                    "Failed to bind the "
                            + name
                            + " HTTP endpoint to "
                            + host
                            + ":"
                            + port
                            + ": "
                            + e.getMessage()
                            + "; set http.port to a free port, 0 for any, or -1 to disable it",
                    e);
        }
        ExecutorService executor =
                Executors.newFixedThreadPool(
                        2,
                        runnable -> {
                            Thread thread = new Thread(runnable, name + "-http");
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
        return new HttpEndpoint(name, server, executor);
    }

    /** Adds a GET route; the path matches exactly or as a prefix when it ends with a slash. */
    public HttpEndpoint route(String path, Handler handler) {
        server.createContext(path, exchange -> serve(exchange, handler));
        return this;
    }

    /** Adds {@code /metrics} in the Prometheus text format. */
    public HttpEndpoint metrics(PrometheusMeterRegistry registry) {
        return route(
                "/metrics",
                query ->
                        Response.text(
                                registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    /** Adds {@code /health}: 200 when {@code healthy} returns true, 503 otherwise. */
    public HttpEndpoint health(Supplier<Map<String, Object>> details, Supplier<Boolean> healthy) {
        return route(
                "/health",
                query -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    boolean up = healthy.get();
                    body.put("status", up ? "UP" : "DOWN");
                    body.putAll(details.get());
                    return new Response(up ? 200 : 503, body, "application/json");
                });
    }

    /** Starts serving. */
    public HttpEndpoint start() {
        server.start();
        log.info("HTTP endpoint started service={} address=http://{}:{}", name, host(), port());
        return this;
    }

    /** Returns the bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns the bound host address. */
    public String host() {
        return server.getAddress().getHostString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("HTTP endpoint stopped service={}", name);
    }

    private static void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                    && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, Response.error(405, "Only GET is supported"));
                return;
            }
            Response response;
            try {
                response = handler.handle(query(exchange.getRequestURI()));
            } catch (IllegalArgumentException e) {
                response = Response.error(400, e.getMessage());
            } catch (Exception e) {
                log.warn("HTTP request failed path={}", exchange.getRequestURI().getPath(), e);
                response = Response.error(500, e.toString());
            }
            send(exchange, response);
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body =
                response.body() instanceof String text
                                && !"application/json".equals(response.contentType())
                        ? text.getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
