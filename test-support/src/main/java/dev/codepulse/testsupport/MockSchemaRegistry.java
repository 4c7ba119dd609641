package dev.codepulse.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codepulse.testsupport.registry.CompatibilityLevel;
import dev.codepulse.testsupport.registry.RegistryError;
import dev.codepulse.testsupport.registry.RegistryRoutes;
import dev.codepulse.testsupport.registry.RegistryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Confluent Schema Registry served over real HTTP on 127.0.0.1, for tests.
 *
 * <p>It implements the REST calls a serializer and an operator use: register ({@code POST
 * /subjects/S/versions}), look up ({@code POST /subjects/S}), schema by id ({@code GET
 * /schemas/ids/ID}), {@code GET /subjects}, {@code GET /subjects/S/versions[/V]}, compatibility
 * checks ({@code POST /compatibility/subjects/S/versions[/V]}) and the compatibility level ({@code
 * GET|PUT /config[/S]}, BACKWARD by default, checked with Avro's SchemaCompatibility). Responses
 * use the registry's content type, status codes and error codes (40401, 40402, 40403, 409, 42201,
 * 42203, 50001). Ids are global: one schema keeps one id under every subject.
 *
 * <p>For fault injection it can delay every response, stall in the middle of a response body, fail
 * the next requests, and require basic authentication. It records every request, so a test can
 * prove that a client caches.
 *
 * <p>Thread-safe. Close it to stop the server.
 */
public final class MockSchemaRegistry implements AutoCloseable {
    /** One request as received: method, path with query, and the Authorization header or null. */
    public record Request(String method, String path, String authorization) {}

    private static final Logger log = LoggerFactory.getLogger(MockSchemaRegistry.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final int MAX_RECORDED_REQUESTS = 10_000;

    private final RegistryStore store = new RegistryStore();
    private final RegistryRoutes routes = new RegistryRoutes(store);
    private final Deque<Request> recentRequests = new ArrayDeque<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Duration bodyStall = Duration.ZERO;
    private volatile RegistryError injectedFailure;
    private volatile String expectedAuthorization;

    private MockSchemaRegistry(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a registry on 127.0.0.1 on a free port. */
    public static MockSchemaRegistry start() {
        disableNagle();
        HttpServer server;
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start the mock schema registry", e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
        MockSchemaRegistry registry = new MockSchemaRegistry(server, executor);
        server.createContext("/", registry::serve);
        server.setExecutor(executor);
        server.start();
        log.info("Mock schema registry started url={}", registry.url());
        return registry;
    }

    /** Returns the base URL, such as http://127.0.0.1:41234. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns how many requests arrived so far, rejected ones included. */
    public int requestCount() {
        return requestCount.get();
    }

    /**
     * Returns the requests received so far, oldest first: all of them, or the last {@value
     * #MAX_RECORDED_REQUESTS} when more arrived, so a long-running registry keeps bounded memory.
     */
    public List<Request> requests() {
        synchronized (recentRequests) {
            return List.copyOf(recentRequests);
        }
    }

    /** Delays every response by {@code delay} before its headers are sent; zero for none. */
    public void setResponseDelay(Duration delay) {
        this.responseDelay = requireNotNegative(delay, "delay");
    }

    /**
     * Sends the headers and half of every response body, then waits {@code stall} before the rest;
     * zero for none.
     */
    public void setBodyStall(Duration stall) {
        this.bodyStall = requireNotNegative(stall, "stall");
    }

    /** Fails the next {@code count} requests with HTTP 500 and error code 50001. */
    public void failNextRequests(int count) {
        failNextRequests(count, 500, 50001, "Error in the backend data store");
    }

    /**
     * Answers the next {@code count} requests with the given status, error code and message instead
     * of handling them.
     */
    public void failNextRequests(int count, int status, int errorCode, String message) {
        injectedFailure = new RegistryError(status, errorCode, message);
        failuresLeft.set(count);
    }

    /**
     * Requires HTTP basic authentication with these credentials from now on; other requests get 401
     * with error code 401. Pass null to stop requiring it.
     */
    public void requireBasicAuth(String user, String password) {
        if (user == null) {
            expectedAuthorization = null;
            return;
        }
        String userInfo = user + ":" + Objects.requireNonNull(password, "password can't be null");
        expectedAuthorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Registers a schema directly, without HTTP and without counting a request.
     *
     * @return the schema's global id
     * @throws IllegalArgumentException if the schema is incompatible with the subject's versions
     */
    public int register(String subject, Schema schema) {
        try {
            return store.register(subject, schema.toString());
        } catch (RegistryError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Returns every subject, sorted. */
    public List<String> subjects() {
        return store.subjects();
    }

    /** Sets the global compatibility level, such as NONE, BACKWARD or FULL_TRANSITIVE. */
    public void setCompatibility(String level) {
        store.setGlobalLevel(CompatibilityLevel.parse(level));
    }

    /** Sets the compatibility level of one subject. */
    public void setCompatibility(String subject, String level) {
        store.setSubjectLevel(subject, CompatibilityLevel.parse(level));
    }

    @Override
    public void close() {
        server.stop(0);
        // Interrupts handlers that are sleeping for an injected delay.
        executor.shutdownNow();
        log.info("Mock schema registry stopped url={} requests={}", url(), requestCount());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            record(
                    new Request(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().toString(),
                            authorization));
            if (!sleep(responseDelay)) {
                return;
            }
            RegistryRoutes.Response response = respond(exchange, authorization, body);
            log.debug(
                    "Mock schema registry request method={} path={} status={}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    response.status());
            send(exchange, response);
        }
    }

    private void record(Request request) {
        synchronized (recentRequests) {
            if (recentRequests.size() == MAX_RECORDED_REQUESTS) {
                recentRequests.removeFirst();
            }
            recentRequests.addLast(request);
        }
        requestCount.incrementAndGet();
    }

    private RegistryRoutes.Response respond(
            HttpExchange exchange, String authorization, String body) {
        String expected = expectedAuthorization;
        if (expected != null && !expected.equals(authorization)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
            return RegistryRoutes.error(401, 401, "Unauthorized");
        }
        RegistryError failure = injectedFailure;
        if (failure != null && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return RegistryRoutes.error(
                    failure.httpStatus(), failure.errorCode(), failure.getMessage());
        }
        try {
            return routes.handle(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    body);
        } catch (RuntimeException e) {
            log.warn(
                    "Mock schema registry failed on a request method={} path={}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
            return RegistryRoutes.error(500, 50001, "Mock registry failed: " + e);
        }
    }

    private void send(HttpExchange exchange, RegistryRoutes.Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        OutputStream out = exchange.getResponseBody();
        Duration stall = bodyStall;
        if (stall.isZero()) {
            out.write(bytes);
            return;
        }
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        out.flush();
        if (sleep(stall)) {
            out.write(bytes, half, bytes.length - half);
        }
    }

    // Returns false when interrupted, which happens when the registry closes.
    private static boolean sleep(Duration duration) {
        if (duration.isZero()) {
            return true;
        }
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Turns on TCP_NODELAY for JDK HTTP servers. The server writes the headers and the body in
     * separate packets, so with Nagle's algorithm the body waits for the client's delayed ACK:
     * about 40 ms per request, measured on Linux with this module's tests. The server reads the
     * property once, so it takes effect only if set before the first server of the JVM starts.
     */
    private static void disableNagle() {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    /** Creates daemon threads, so a registry left open does not keep the test JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "mock-schema-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(
                    name + " must be zero or positive, but was " + duration);
        }
        return duration;
    }
}
