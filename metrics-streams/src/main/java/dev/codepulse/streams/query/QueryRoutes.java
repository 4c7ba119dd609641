package dev.codepulse.streams.query;

import dev.codepulse.common.http.HttpEndpoint;
import dev.codepulse.common.http.HttpEndpoint.Response;
import dev.codepulse.streams.QueryUnavailableException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP routes of the interactive queries.
 *
 * <ul>
 *   <li>{@code GET /stats/languages}: the newest window of every language.
 *   <li>{@code GET /stats/language?name=python}: the open and retained windows of one language,
 *       newest first, with {@code current} the newest open window.
 *   <li>{@code GET /stats/functions} and {@code GET /stats/function?name=worker.compile}: the same
 *       for functions.
 * </ul>
 *
 * <p>Every route takes {@code local=true} to answer from this instance's stores only, which is how
 * instances forward to each other. A query that cannot be answered now (rebalance, restore, owner
 * not answering) returns 503; an unknown name returns 404.
 */
public final class QueryRoutes {
    /** Path of the windows of one language. */
    public static final String LANGUAGE_PATH = "/stats/language";

    /** Path of the newest window of every language. */
    public static final String LANGUAGES_PATH = "/stats/languages";

    /** Path of the windows of one function. */
    public static final String FUNCTION_PATH = "/stats/function";

    /** Path of the newest window of every function. */
    public static final String FUNCTIONS_PATH = "/stats/functions";

    private QueryRoutes() {}

    /** Adds the query routes to an endpoint. */
    public static void register(
            HttpEndpoint endpoint, WindowQueries<?> languages, WindowQueries<?> functions) {
        endpoint.route(LANGUAGE_PATH, query -> one(languages, LANGUAGE_PATH, query));
        endpoint.route(
                LANGUAGES_PATH,
                query -> answer(() -> languages.newestOfEveryKey(LANGUAGES_PATH, local(query))));
        endpoint.route(FUNCTION_PATH, query -> one(functions, FUNCTION_PATH, query));
        endpoint.route(
                FUNCTIONS_PATH,
                query -> answer(() -> functions.newestOfEveryKey(FUNCTIONS_PATH, local(query))));
    }

    private static Response one(WindowQueries<?> queries, String path, Map<String, String> query) {
        String name = query.get("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "Missing query parameter name, such as " + path + "?name=python");
        }
        return answer(() -> queries.windowsOf(name, path, local(query)));
    }

    private static Response answer(Supplier<Map<String, Object>> query) {
        try {
            Map<String, Object> body = query.get();
            return body == null
                    ? Response.error(404, "No open or retained window has that name")
                    : Response.ok(body);
        } catch (QueryUnavailableException e) {
            return Response.error(503, e.getMessage());
        }
    }

    private static boolean local(Map<String, String> query) {
        return "true".equals(query.get("local"));
    }
}
