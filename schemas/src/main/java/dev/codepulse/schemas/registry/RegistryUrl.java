package dev.codepulse.schemas.registry;

import dev.codepulse.schemas.serde.SerdeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** Validation of schema registry base URLs. */
public final class RegistryUrl {
    private RegistryUrl() {}

    /**
     * Checks a registry base URL and returns it without surrounding whitespace and trailing
     * slashes. Valid URLs are absolute {@code http} or {@code https} URLs with a host, an optional
     * port and an optional path prefix, and no credentials, query or fragment.
     *
     * <p>Error messages show the URL with anything that could be credentials masked.
     *
     * @throws IllegalArgumentException if the URL is invalid, with the reason in the message
     */
    public static String normalize(String url) {
        Objects.requireNonNull(url, "url can't be null");
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a valid URI (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(
                    url,
                    "credentials in the URL are not accepted; set "
                            + SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG
                            + " instead");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw invalid(url, "the scheme must be http or https, as in http://HOST:PORT");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "a host name is missing, as in http://HOST:PORT");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "a query or fragment is not accepted; give the base URL only");
        }
        return trimmed;
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        return new IllegalArgumentException(
                "Invalid schema registry URL '" + masked(url) + "': " + reason);
    }

    /** Returns the URL with user info masked, or a placeholder when it cannot be located. */
    static String masked(String url) {
        if (url.indexOf('@') < 0) {
            return url;
        }
        String masked = url.replaceAll("//[^/?#]*@", "//***@");
        return masked.indexOf('@') < 0 || masked.contains("//***@")
                ? masked
                : "(hidden because it contains '@')";
    }
}
