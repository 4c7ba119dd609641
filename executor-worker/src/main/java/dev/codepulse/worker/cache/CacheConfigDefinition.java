package dev.codepulse.worker.cache;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** The type, default, validator and documentation of every {@link CacheConfig} key. */
final class CacheConfigDefinition {
    private static final String REDIS_URL_DOC =
            "Redis server as redis://host[:port][/database], or rediss:// for TLS. Empty keeps"
                    + " only the in-process tier. Credentials in the URL are rejected: set"
                    + " cache.redis.user and cache.redis.password.";

    private static final String REDIS_USER_DOC =
            "Redis ACL user name; empty uses the default user (or only the password, with"
                    + " requirepass).";

    private static final String REDIS_PASSWORD_DOC =
            "Redis password; unset for a server without authentication. Never logged.";

    private static final String REDIS_SSL_ENABLED_DOC =
            "Connect to Redis over TLS. A rediss:// URL turns TLS on as well.";

    private static final String REDIS_SSL_VERIFY_MODE_DOC =
            "Server certificate check over TLS: FULL checks the chain and the host name, CA checks"
                    + " only the chain, INSECURE checks nothing (tests only).";

    private static final String REDIS_SSL_TRUSTSTORE_LOCATION_DOC =
            "Trust store file with the CA certificates for the Redis server; empty uses the JVM's"
                    + " default trust store.";

    private static final String REDIS_SSL_TRUSTSTORE_PASSWORD_DOC =
            "Password of the trust store; unset when it has none. Never logged.";

    private static final String REDIS_SSL_TRUSTSTORE_TYPE_DOC =
            "Format of the trust store file, such as PKCS12 or JKS.";

    private static final String REDIS_SSL_KEYSTORE_LOCATION_DOC =
            "Key store file with the client certificate and key, for servers that require client"
                    + " authentication; empty sends no client certificate.";

    private static final String REDIS_SSL_KEYSTORE_PASSWORD_DOC =
            "Password of the key store; unset when it has none. Never logged.";

    private static final String REDIS_SSL_KEYSTORE_TYPE_DOC =
            "Format of the key store file, such as PKCS12 or JKS.";

    private static final String REDIS_CONNECT_TIMEOUT_MS_DOC =
            "Time limit for opening a TCP connection to Redis, in milliseconds (1 to 60000).";

    private static final String REDIS_SOCKET_TIMEOUT_MS_DOC =
            "Time limit for reading one Redis reply, in milliseconds (1 to 60000). A slower reply"
                    + " counts as a failure and the lookup becomes a miss.";

    private static final String REDIS_POOL_MAX_TOTAL_DOC =
            "Maximum pooled Redis connections of this process (1 to 1024); size it to the"
                    + " worker's execution slots.";

    private static final String REDIS_POOL_MAX_IDLE_DOC =
            "Maximum idle Redis connections kept open (0 to cache.redis.pool.max.total).";

    private static final String REDIS_POOL_MIN_IDLE_DOC =
            "Idle Redis connections the pool keeps ready (0 to cache.redis.pool.max.idle).";

    private static final String REDIS_POOL_BORROW_TIMEOUT_MS_DOC =
            "Time limit for taking a connection from an exhausted pool, in milliseconds (1 to"
                    + " 60000).";

    private static final String REDIS_KEY_PREFIX_DOC =
            "Prefix of every Redis key the cache writes: PREFIXresult:SHA256 for entries and"
                    + " PREFIXlock:SHA256 for locks. Lets several pipelines share one Redis.";

    private static final String BREAKER_FAILURE_THRESHOLD_DOC =
            "Consecutive failed Redis commands that open the circuit breaker (1 to 1000). While"
                    + " open, the cache does not call Redis.";

    private static final String BREAKER_OPEN_MS_DOC =
            "How long the circuit breaker stays open before one probe command tests Redis again,"
                    + " in milliseconds (10 to 600000).";

    private static final String LOCAL_MAX_BYTES_DOC =
            "Capacity of the in-process tier, in bytes of encoded entries plus a fixed overhead"
                    + " per entry; 0 disables the tier. Beyond it, Caffeine evicts entries by recency"
                    + " and frequency (W-TinyLFU).";

    private static final String ENTRY_MAX_BYTES_DOC =
            "Largest encoded entry that is stored, in bytes (1024 to 536870912); larger results"
                    + " are not cached and are counted.";

    private static final String TTL_MS_DOC =
            "Time to live of an entry, in milliseconds, for languages without their own"
                    + " cache.ttl.ms.LANGUAGE key. Must lie within cache.ttl.min.ms and"
                    + " cache.ttl.max.ms.";

    private static final String TTL_MIN_MS_DOC =
            "Lowest TTL this worker accepts, from configuration or an optimizer action, in"
                    + " milliseconds.";

    private static final String TTL_MAX_MS_DOC =
            "Highest TTL this worker accepts, from configuration or an optimizer action, in"
                    + " milliseconds.";

    private static final String LOCK_TTL_MS_DOC =
            "Lifetime of the Redis lock taken while one worker computes a result, in milliseconds"
                    + " (100 to 3600000). A crashed holder blocks others for at most this long;"
                    + " set it above the longest expected run.";

    private static final String LOCK_WAIT_MAX_MS_DOC =
            "How long a worker waits for another worker computing the same key before it"
                    + " computes itself, in milliseconds (0 to 600000).";

    private static final String LOCK_POLL_INTERVAL_MS_DOC =
            "Interval between checks for the result while waiting on another worker, in"
                    + " milliseconds (1 to 10000).";

    private static final String SUMMARY_INTERVAL_MS_DOC =
            "Interval of the one-line INFO summary of cache statistics, in milliseconds; 0"
                    + " disables it.";

    private CacheConfigDefinition() {}

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        defineRedis(def);
        defineTls(def);
        defineTiers(def);
        defineTtlAndLock(def);
        return def;
    }

    private static void defineRedis(ConfigDef def) {
        def.define(CacheConfig.REDIS_URL_CONFIG, Type.STRING, "", Importance.HIGH, REDIS_URL_DOC)
                .define(
                        CacheConfig.REDIS_USER_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        REDIS_USER_DOC)
                .define(
                        CacheConfig.REDIS_PASSWORD_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.MEDIUM,
                        REDIS_PASSWORD_DOC)
                .define(
                        CacheConfig.REDIS_CONNECT_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        250,
                        Range.between(1, 60_000),
                        Importance.MEDIUM,
                        REDIS_CONNECT_TIMEOUT_MS_DOC)
                .define(
                        CacheConfig.REDIS_SOCKET_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        250,
                        Range.between(1, 60_000),
                        Importance.MEDIUM,
                        REDIS_SOCKET_TIMEOUT_MS_DOC)
                .define(
                        CacheConfig.REDIS_POOL_MAX_TOTAL_CONFIG,
                        Type.INT,
                        16,
                        Range.between(1, 1024),
                        Importance.LOW,
                        REDIS_POOL_MAX_TOTAL_DOC)
                .define(
                        CacheConfig.REDIS_POOL_MAX_IDLE_CONFIG,
                        Type.INT,
                        16,
                        Range.between(0, 1024),
                        Importance.LOW,
                        REDIS_POOL_MAX_IDLE_DOC)
                .define(
                        CacheConfig.REDIS_POOL_MIN_IDLE_CONFIG,
                        Type.INT,
                        0,
                        Range.between(0, 1024),
                        Importance.LOW,
                        REDIS_POOL_MIN_IDLE_DOC)
                .define(
                        CacheConfig.REDIS_POOL_BORROW_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        100,
                        Range.between(1, 60_000),
                        Importance.LOW,
                        REDIS_POOL_BORROW_TIMEOUT_MS_DOC)
                .define(
                        CacheConfig.REDIS_KEY_PREFIX_CONFIG,
                        Type.STRING,
                        "codepulse:",
                        Importance.LOW,
                        REDIS_KEY_PREFIX_DOC)
                .define(
                        CacheConfig.BREAKER_FAILURE_THRESHOLD_CONFIG,
                        Type.INT,
                        5,
                        Range.between(1, 1000),
                        Importance.LOW,
                        BREAKER_FAILURE_THRESHOLD_DOC)
                .define(
                        CacheConfig.BREAKER_OPEN_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.between(10, 600_000),
                        Importance.LOW,
                        BREAKER_OPEN_MS_DOC);
    }

    private static void defineTls(ConfigDef def) {
        def.define(
                        CacheConfig.REDIS_SSL_ENABLED_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        REDIS_SSL_ENABLED_DOC)
                .define(
                        CacheConfig.REDIS_SSL_VERIFY_MODE_CONFIG,
                        Type.STRING,
                        "FULL",
                        ValidString.in("FULL", "CA", "INSECURE"),
                        Importance.LOW,
                        REDIS_SSL_VERIFY_MODE_DOC)
                .define(
                        CacheConfig.REDIS_SSL_TRUSTSTORE_LOCATION_CONFIG,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        REDIS_SSL_TRUSTSTORE_LOCATION_DOC)
                .define(
                        CacheConfig.REDIS_SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        REDIS_SSL_TRUSTSTORE_PASSWORD_DOC)
                .define(
                        CacheConfig.REDIS_SSL_TRUSTSTORE_TYPE_CONFIG,
                        Type.STRING,
                        "PKCS12",
                        Importance.LOW,
                        REDIS_SSL_TRUSTSTORE_TYPE_DOC)
                .define(
                        CacheConfig.REDIS_SSL_KEYSTORE_LOCATION_CONFIG,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        REDIS_SSL_KEYSTORE_LOCATION_DOC)
                .define(
                        CacheConfig.REDIS_SSL_KEYSTORE_PASSWORD_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        REDIS_SSL_KEYSTORE_PASSWORD_DOC)
                .define(
                        CacheConfig.REDIS_SSL_KEYSTORE_TYPE_CONFIG,
                        Type.STRING,
                        "PKCS12",
                        Importance.LOW,
                        REDIS_SSL_KEYSTORE_TYPE_DOC);
    }

    private static void defineTiers(ConfigDef def) {
        def.define(
                        CacheConfig.LOCAL_MAX_BYTES_CONFIG,
                        Type.LONG,
                        64L * 1024 * 1024,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        LOCAL_MAX_BYTES_DOC)
                .define(
                        CacheConfig.ENTRY_MAX_BYTES_CONFIG,
                        Type.INT,
                        1024 * 1024,
                        Range.between(1024, 512 * 1024 * 1024),
                        Importance.MEDIUM,
                        ENTRY_MAX_BYTES_DOC)
                .define(
                        CacheConfig.SUMMARY_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.atLeast(0),
                        Importance.LOW,
                        SUMMARY_INTERVAL_MS_DOC);
    }

    private static void defineTtlAndLock(ConfigDef def) {
        def.define(
                        CacheConfig.TTL_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(1),
                        Importance.HIGH,
                        TTL_MS_DOC)
                .define(
                        CacheConfig.TTL_MIN_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TTL_MIN_MS_DOC)
                .define(
                        CacheConfig.TTL_MAX_MS_CONFIG,
                        Type.LONG,
                        7L * 24 * 3_600_000,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        TTL_MAX_MS_DOC)
                .define(
                        CacheConfig.LOCK_TTL_MS_CONFIG,
                        Type.LONG,
                        30_000L,
                        Range.between(100, 3_600_000),
                        Importance.MEDIUM,
                        LOCK_TTL_MS_DOC)
                .define(
                        CacheConfig.LOCK_WAIT_MAX_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.between(0, 600_000),
                        Importance.MEDIUM,
                        LOCK_WAIT_MAX_MS_DOC)
                .define(
                        CacheConfig.LOCK_POLL_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        20L,
                        Range.between(1, 10_000),
                        Importance.LOW,
                        LOCK_POLL_INTERVAL_MS_DOC);
    }
}
