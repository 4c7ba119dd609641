package dev.codepulse.worker.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the result cache: the Redis connection (URL, credentials, TLS, timeouts, pool), the
 * circuit breaker, the in-process tier, entry size, TTLs and the cross-worker lock.
 *
 * <p>Keys other than {@code cache.*} are ignored, so a service can pass its whole configuration. A
 * service configuration adds these keys to its own definition with {@link #configDef()}.
 *
 * <p>Per-language TTLs are keys of the form {@code cache.ttl.ms.LANGUAGE}, such as {@code
 * cache.ttl.ms.python=600000}; they are not in {@link #configDef()} because the language ids are
 * open-ended, and are checked against {@code cache.ttl.min.ms} and {@code cache.ttl.max.ms}.
 */
public final class CacheConfig extends AbstractConfig {
    public static final String REDIS_URL_CONFIG = "cache.redis.url";
    public static final String REDIS_USER_CONFIG = "cache.redis.user";
    public static final String REDIS_PASSWORD_CONFIG = "cache.redis.password";
    public static final String REDIS_SSL_ENABLED_CONFIG = "cache.redis.ssl.enabled";
    public static final String REDIS_SSL_VERIFY_MODE_CONFIG = "cache.redis.ssl.verify.mode";
    public static final String REDIS_SSL_TRUSTSTORE_LOCATION_CONFIG =
            "cache.redis.ssl.truststore.location";
    public static final String REDIS_SSL_TRUSTSTORE_PASSWORD_CONFIG =
            "cache.redis.ssl.truststore.password";
    public static final String REDIS_SSL_TRUSTSTORE_TYPE_CONFIG = "cache.redis.ssl.truststore.type";
    public static final String REDIS_SSL_KEYSTORE_LOCATION_CONFIG =
            "cache.redis.ssl.keystore.location";
    public static final String REDIS_SSL_KEYSTORE_PASSWORD_CONFIG =
            "cache.redis.ssl.keystore.password";
    public static final String REDIS_SSL_KEYSTORE_TYPE_CONFIG = "cache.redis.ssl.keystore.type";
    public static final String REDIS_CONNECT_TIMEOUT_MS_CONFIG = "cache.redis.connect.timeout.ms";
    public static final String REDIS_SOCKET_TIMEOUT_MS_CONFIG = "cache.redis.socket.timeout.ms";
    public static final String REDIS_POOL_MAX_TOTAL_CONFIG = "cache.redis.pool.max.total";
    public static final String REDIS_POOL_MAX_IDLE_CONFIG = "cache.redis.pool.max.idle";
    public static final String REDIS_POOL_MIN_IDLE_CONFIG = "cache.redis.pool.min.idle";
    public static final String REDIS_POOL_BORROW_TIMEOUT_MS_CONFIG =
            "cache.redis.pool.borrow.timeout.ms";
    public static final String REDIS_KEY_PREFIX_CONFIG = "cache.redis.key.prefix";
    public static final String BREAKER_FAILURE_THRESHOLD_CONFIG =
            "cache.redis.breaker.failure.threshold";
    public static final String BREAKER_OPEN_MS_CONFIG = "cache.redis.breaker.open.ms";
    public static final String LOCAL_MAX_BYTES_CONFIG = "cache.local.max.bytes";
    public static final String ENTRY_MAX_BYTES_CONFIG = "cache.entry.max.bytes";
    public static final String TTL_MS_CONFIG = "cache.ttl.ms";

    /** Prefix of the per-language TTL keys, such as {@code cache.ttl.ms.python}. */
    public static final String TTL_MS_LANGUAGE_PREFIX = "cache.ttl.ms.";

    public static final String TTL_MIN_MS_CONFIG = "cache.ttl.min.ms";
    public static final String TTL_MAX_MS_CONFIG = "cache.ttl.max.ms";
    public static final String LOCK_TTL_MS_CONFIG = "cache.lock.ttl.ms";
    public static final String LOCK_WAIT_MAX_MS_CONFIG = "cache.lock.wait.max.ms";
    public static final String LOCK_POLL_INTERVAL_MS_CONFIG = "cache.lock.poll.interval.ms";
    public static final String SUMMARY_INTERVAL_MS_CONFIG = "cache.summary.interval.ms";

    private static final ConfigDef CONFIG = CacheConfigDefinition.build();

    private final Optional<RedisEndpoint> redisEndpoint;
    private final Map<String, Duration> languageTtls;

    /**
     * Parses the {@code cache.*} keys of {@code originals}.
     *
     * @throws ConfigException if a value is invalid or the keys contradict each other
     */
    public CacheConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
        String url = getString(REDIS_URL_CONFIG).strip();
        this.redisEndpoint = url.isEmpty() ? Optional.empty() : Optional.of(parseEndpoint(url));
        checkTtlBounds();
        checkPool();
        this.languageTtls = parseLanguageTtls();
    }

    /** Returns the definition of every {@code cache.*} key, to merge into a service's own. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Returns the Redis server, or empty when only the in-process tier is configured. */
    public Optional<RedisEndpoint> redisEndpoint() {
        return redisEndpoint;
    }

    /** Returns the TTL for languages without their own key. */
    public Duration defaultTtl() {
        return Duration.ofMillis(getLong(TTL_MS_CONFIG));
    }

    /** Returns the lowest TTL this worker accepts. */
    public Duration minTtl() {
        return Duration.ofMillis(getLong(TTL_MIN_MS_CONFIG));
    }

    /** Returns the highest TTL this worker accepts. */
    public Duration maxTtl() {
        return Duration.ofMillis(getLong(TTL_MAX_MS_CONFIG));
    }

    /** Returns the configured TTL of each language with its own key, sorted by language. */
    public Map<String, Duration> languageTtls() {
        return languageTtls;
    }

    /** Returns the password of the Redis connection, or null when none is configured. */
    public Password redisPassword() {
        return getPassword(REDIS_PASSWORD_CONFIG);
    }

    /** Returns the lifetime of the cross-worker lock. */
    public Duration lockTtl() {
        return Duration.ofMillis(getLong(LOCK_TTL_MS_CONFIG));
    }

    /** Returns how long a lookup waits for another worker computing the same key. */
    public Duration lockWaitMax() {
        return Duration.ofMillis(getLong(LOCK_WAIT_MAX_MS_CONFIG));
    }

    /**
     * Returns the longest one Redis command may take before it fails: borrowing a connection from
     * an exhausted pool, opening it and reading the reply, each at its configured time limit.
     */
    public Duration redisCommandBound() {
        return Duration.ofMillis(
                (long) getInt(REDIS_POOL_BORROW_TIMEOUT_MS_CONFIG)
                        + getInt(REDIS_CONNECT_TIMEOUT_MS_CONFIG)
                        + getInt(REDIS_SOCKET_TIMEOUT_MS_CONFIG));
    }

    /**
     * Returns every defined key with its effective value and every per-language TTL, with passwords
     * masked, for the start-up log line.
     */
    public Map<String, String> describe() {
        Map<String, String> view = new TreeMap<>();
        values().forEach((key, value) -> view.put(key, String.valueOf(value)));
        languageTtls.forEach(
                (language, ttl) ->
                        view.put(TTL_MS_LANGUAGE_PREFIX + language, Long.toString(ttl.toMillis())));
        return view;
    }

    private static RedisEndpoint parseEndpoint(String url) {
        try {
            return RedisEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REDIS_URL_CONFIG, RedisEndpoint.redact(url), e.getMessage());
        }
    }

    private void checkTtlBounds() {
        long min = getLong(TTL_MIN_MS_CONFIG);
        long max = getLong(TTL_MAX_MS_CONFIG);
        long ttl = getLong(TTL_MS_CONFIG);
        if (min > max) {
            throw new ConfigException(
                    TTL_MIN_MS_CONFIG
                            + "="
                            + min
                            + " is greater than "
                            + TTL_MAX_MS_CONFIG
                            + "="
                            + max
                            + "; the lower TTL bound must not exceed the upper one");
        }
        if (ttl < min || ttl > max) {
            throw new ConfigException(TTL_MS_CONFIG, ttl, outsideBounds(min, max));
        }
    }

    private void checkPool() {
        int maxTotal = getInt(REDIS_POOL_MAX_TOTAL_CONFIG);
        int maxIdle = getInt(REDIS_POOL_MAX_IDLE_CONFIG);
        int minIdle = getInt(REDIS_POOL_MIN_IDLE_CONFIG);
        if (maxIdle > maxTotal || minIdle > maxIdle) {
            throw new ConfigException(
                    "Invalid Redis pool sizes "
                            + REDIS_POOL_MIN_IDLE_CONFIG
                            + "="
                            + minIdle
                            + ", "
                            + REDIS_POOL_MAX_IDLE_CONFIG
                            + "="
                            + maxIdle
                            + ", "
                            + REDIS_POOL_MAX_TOTAL_CONFIG
                            + "="
                            + maxTotal
                            + "; expected min.idle <= max.idle <= max.total");
        }
    }

    private Map<String, Duration> parseLanguageTtls() {
        long min = getLong(TTL_MIN_MS_CONFIG);
        long max = getLong(TTL_MAX_MS_CONFIG);
        Map<String, Duration> ttls = new TreeMap<>();
        originalsWithPrefix(TTL_MS_LANGUAGE_PREFIX)
                .forEach(
                        (language, value) -> {
                            String key = TTL_MS_LANGUAGE_PREFIX + language;
                            long ms = parseMillis(key, value);
                            if (language.isBlank() || ms < min || ms > max) {
                                throw new ConfigException(key, value, outsideBounds(min, max));
                            }
                            ttls.put(language, Duration.ofMillis(ms));
                        });
        return Map.copyOf(ttls);
    }

    private static long parseMillis(String key, Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number of milliseconds");
        }
    }

    private static String outsideBounds(long min, long max) {
        return "expected milliseconds within ["
                + min
                + ", "
                + max
                + "] ("
                + TTL_MIN_MS_CONFIG
                + ", "
                + TTL_MAX_MS_CONFIG
                + ")";
    }
}
