package dev.codepulse.common.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises configuration keys whose values must never be logged. */
public final class Secrets {
    /** What a secret value is replaced with in logs. */
    public static final String MASK = "[hidden]";

    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(password|secret|jaas|token|credential|user\\.info|\\.key$).*");

    private Secrets() {}

    /**
     * Returns true when a key's value may be a secret, such as ssl.key.password or
     * sasl.jaas.config.
     */
    public static boolean looksSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }
}
