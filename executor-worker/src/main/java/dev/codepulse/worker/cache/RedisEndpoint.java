package dev.codepulse.worker.cache;

import dev.codepulse.common.config.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A Redis server address parsed from a {@code redis://} or {@code rediss://} URL.
 *
 * @param host host name or address
 * @param port TCP port
 * @param database logical database index
 * @param tls true for a rediss:// URL
 */
public record RedisEndpoint(String host, int port, int database, boolean tls) {
    private static final int DEFAULT_PORT = 6379;

    public RedisEndpoint {
        Objects.requireNonNull(host, "host can't be null");
    }

    /**
     * Parses {@code redis://host[:port][/database]} or the same with {@code rediss://}.
     *
     * @throws IllegalArgumentException if the URL is malformed, has another scheme, a query, or
     *     credentials (which would end up in logs)
     */
    public static RedisEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("expected the scheme redis:// or rediss://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "credentials are not allowed in the URL; set cache.redis.user and"
                            + " cache.redis.password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("expected a host, as in redis://host:6379");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("expected no query or fragment");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        // An IPv6 literal comes back as [::1]; sockets take it without the brackets.
        String host = uri.getHost().replaceAll("^\\[(.*)\\]$", "$1");
        return new RedisEndpoint(host, port, database(uri.getPath()), "rediss".equals(scheme));
    }

    /** Returns {@code url} with any user and password between "//" and "@" masked. */
    public static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//" + Secrets.MASK + "@");
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int index = Integer.parseInt(path.substring(1));
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        throw new IllegalArgumentException(
                "expected a database index of 0 or more after the port, as in redis://host:6379/0");
    }

    /** Returns the address as a URL, without credentials, for logs. */
    @Override
    public String toString() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + address + ":" + port + "/" + database;
    }
}
