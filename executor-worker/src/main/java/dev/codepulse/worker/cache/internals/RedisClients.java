package dev.codepulse.worker.cache.internals;

import dev.codepulse.worker.cache.CacheConfig;
import dev.codepulse.worker.cache.RedisEndpoint;
import java.io.File;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/** Creates the pooled Redis client that a cache configuration describes. */
public final class RedisClients {
    private RedisClients() {}

    /**
     * Returns a pooled client for {@code endpoint}. It opens connections lazily, so it is returned
     * even when Redis is unreachable.
     *
     * @param clientName name the connections report to Redis (CLIENT LIST), such as the worker id
     */
    public static RedisClient create(
            CacheConfig config, RedisEndpoint endpoint, String clientName) {
        return RedisClient.builder()
                .hostAndPort(endpoint.host(), endpoint.port())
                .clientConfig(clientConfig(config, endpoint, clientName))
                .poolConfig(poolConfig(config))
                .build();
    }

    private static DefaultJedisClientConfig clientConfig(
            CacheConfig config, RedisEndpoint endpoint, String clientName) {
        DefaultJedisClientConfig.Builder builder =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(
                                config.getInt(CacheConfig.REDIS_CONNECT_TIMEOUT_MS_CONFIG))
                        .socketTimeoutMillis(
                                config.getInt(CacheConfig.REDIS_SOCKET_TIMEOUT_MS_CONFIG))
                        .database(endpoint.database())
                        .clientName(clientName.replaceAll("[^A-Za-z0-9._:-]", "_"))
                        // Each handshake command of a new connection can wait up to the socket
                        // timeout; CLIENT SETINFO adds two and Redis before 7.2 rejects it.
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        String user = config.getString(CacheConfig.REDIS_USER_CONFIG).strip();
        if (!user.isEmpty()) {
            builder.user(user);
        }
        Password password = config.redisPassword();
        if (password != null) {
            builder.password(password.value());
        }
        if (endpoint.tls() || config.getBoolean(CacheConfig.REDIS_SSL_ENABLED_CONFIG)) {
            builder.ssl(true).sslOptions(sslOptions(config));
        }
        return builder.build();
    }

    private static SslOptions sslOptions(CacheConfig config) {
        SslOptions.Builder builder =
                SslOptions.builder()
                        .sslVerifyMode(
                                SslVerifyMode.valueOf(
                                        config.getString(
                                                CacheConfig.REDIS_SSL_VERIFY_MODE_CONFIG)));
        String truststore =
                config.getString(CacheConfig.REDIS_SSL_TRUSTSTORE_LOCATION_CONFIG).strip();
        if (!truststore.isEmpty()) {
            builder.trustStoreType(config.getString(CacheConfig.REDIS_SSL_TRUSTSTORE_TYPE_CONFIG))
                    .truststore(
                            new File(truststore),
                            chars(
                                    config.getPassword(
                                            CacheConfig.REDIS_SSL_TRUSTSTORE_PASSWORD_CONFIG)));
        }
        String keystore = config.getString(CacheConfig.REDIS_SSL_KEYSTORE_LOCATION_CONFIG).strip();
        if (!keystore.isEmpty()) {
            builder.keyStoreType(config.getString(CacheConfig.REDIS_SSL_KEYSTORE_TYPE_CONFIG))
                    .keystore(
                            new File(keystore),
                            chars(
                                    config.getPassword(
                                            CacheConfig.REDIS_SSL_KEYSTORE_PASSWORD_CONFIG)));
        }
        return builder.build();
    }

    private static ConnectionPoolConfig poolConfig(CacheConfig config) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.getInt(CacheConfig.REDIS_POOL_MAX_TOTAL_CONFIG));
        pool.setMaxIdle(config.getInt(CacheConfig.REDIS_POOL_MAX_IDLE_CONFIG));
        pool.setMinIdle(config.getInt(CacheConfig.REDIS_POOL_MIN_IDLE_CONFIG));
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(
                Duration.ofMillis(config.getInt(CacheConfig.REDIS_POOL_BORROW_TIMEOUT_MS_CONFIG)));
        // Several caches may live in one JVM (tests, the embedded demo); MBean names would clash.
        pool.setJmxEnabled(false);
        return pool;
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
