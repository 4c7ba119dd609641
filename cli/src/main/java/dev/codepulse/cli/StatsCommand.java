package dev.codepulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints window statistics from a metrics-streams instance. */
@Command(
        name = "stats",
        description = {
            "Prints per-language or per-function window statistics served by metrics-streams: counts,"
                    + " verdicts, cache hits and percentiles read from merged sketches.",
            "Without --language or --function it prints the newest window of every language and"
                    + " function. Exit status: 0 on success, 2 when the service cannot answer."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class StatsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Option(
            names = {"-u", "--url"},
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8082",
            description =
                    "Base URL of a metrics-streams instance; any instance forwards to the owner. Default: ${DEFAULT-VALUE}.")
    String url;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(
                names = {"-l", "--language"},
                paramLabel = "ID",
                description = "Show every retained window of one language.")
        String language;

        @Option(
                names = {"-f", "--function"},
                paramLabel = "NAME",
                description = "Show every retained window of one function.")
        String function;
    }

    @Option(names = "--json", description = "Print the service's JSON answer as it is.")
    boolean json;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "Time limit of the request. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String path = path();
        HttpResponse<String> response;
        try {
            response =
                    HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .build()
                            .send(
                                    HttpRequest.newBuilder(URI.create(stripSlash(url) + path))
                                            .timeout(timeout)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "Failed to query "
                                    + url
                                    + path
                                    + ": "
                                    + e.getMessage()
                                    + "; is metrics-streams running there?");
            return 2;
        }
        if (response.statusCode() != 200) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "metrics-streams answered HTTP "
                                    + response.statusCode()
                                    + " to "
                                    + path
                                    + ": "
                                    + response.body().strip());
            return 2;
        }
        if (json) {
            out.println(response.body());
            return 0;
        }
        printWindows(out, readTree(response.body()).path("windows"));
        return 0;
    }

    private String path() {
        if (target != null && target.language != null) {
            return "/stats/language?name="
                    + URLEncoder.encode(target.language, StandardCharsets.UTF_8);
        }
        if (target != null && target.function != null) {
            return "/stats/function?name="
                    + URLEncoder.encode(target.function, StandardCharsets.UTF_8);
        }
        return "/stats/languages";
    }

    private void printWindows(PrintWriter out, JsonNode windows) throws InterruptedException {
        if (target == null) {
            printLanguages(out, windows);
            out.println();
            printFunctions(out, fetchAllFunctions());
        } else if (target.language != null) {
            printLanguages(out, windows);
        } else {
            printFunctions(out, windows);
        }
    }

    private JsonNode fetchAllFunctions() throws InterruptedException {
        try {
            HttpResponse<String> response =
                    HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .build()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            stripSlash(url) + "/stats/functions"))
                                            .timeout(timeout)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200
                    ? readTree(response.body()).path("windows")
                    : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    private static void printLanguages(PrintWriter out, JsonNode windows) {
        out.printf(
                Locale.ROOT,
                "%-11s %-6s %-20s %6s %7s %5s %10s %10s %10s %10s%n",
                "language",
                "state",
                "window start",
                "count",
                "errors",
                "hits",
                "run p50",
                "run p95",
                "run p99",
                "queue p95");
        for (JsonNode window : windows) {
            long hits = 0;
            for (JsonNode tier : window.path("cacheHits")) {
                hits += tier.asLong();
            }
            out.printf(
                    Locale.ROOT,
                    "%-11s %-6s %-20s %6d %7d %5d %10.1f %10.1f %10.1f %10.1f%n",
                    window.path("language").asText(),
                    window.path("state").asText(),
                    window.path("windowStart").asText(),
                    window.path("count").asLong(),
                    window.path("errorCount").asLong(),
                    hits,
                    window.path("runWallMillis").path("p50").asDouble(),
                    window.path("runWallMillis").path("p95").asDouble(),
                    window.path("runWallMillis").path("p99").asDouble(),
                    window.path("queueMillis").path("p95").asDouble());
        }
    }

    private static void printFunctions(PrintWriter out, JsonNode windows) {
        out.printf(
                Locale.ROOT,
                "%-28s %-6s %-20s %8s %7s %10s %10s %10s%n",
                "function",
                "state",
                "window start",
                "calls",
                "errors",
                "p50 ms",
                "p95 ms",
                "p99 ms");
        for (JsonNode window : windows) {
            JsonNode wall = window.path("wallNanos");
            out.printf(
                    Locale.ROOT,
                    "%-28s %-6s %-20s %8d %7d %10.3f %10.3f %10.3f%n",
                    window.path("function").asText(),
                    window.path("state").asText(),
                    window.path("windowStart").asText(),
                    window.path("count").asLong(),
                    window.path("errors").asLong(),
                    wall.path("p50").asDouble() / 1e6,
                    wall.path("p95").asDouble() / 1e6,
                    wall.path("p99").asDouble() / 1e6);
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "metrics-streams answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
