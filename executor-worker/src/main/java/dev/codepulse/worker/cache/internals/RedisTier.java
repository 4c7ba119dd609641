package dev.codepulse.worker.cache.internals;

import dev.codepulse.worker.cache.BreakerState;
import dev.codepulse.worker.cache.CacheKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.Pool;

/**
 * The Redis tier: entries, locks and the memory-policy check, each command behind a circuit
 * breaker.
 *
 * <p>No method throws for a Redis problem. A command refused by the open breaker, or one that fails
 * (connection refused, timeout, pool exhausted, error reply), returns {@link Reply#unavailable()},
 * so a caller can go on without Redis. Connection failures count towards opening the breaker; an
 * error reply to one command (such as an out-of-memory refusal of a write) does not, because the
 * server replied.
 */
public final class RedisTier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

    // Deletes the lock only while it still holds this owner's token, so a holder whose lock
    // expired cannot delete the lock another worker took since.
    private static final byte[] RELEASE_SCRIPT =
            ("if redis.call('get', KEYS[1]) == ARGV[1] then"
                            + " return redis.call('del', KEYS[1]) else return 0 end")
                    .getBytes(StandardCharsets.UTF_8);

    private final UnifiedJedis client;
    private final Pool<Connection> pool;
    private final CircuitBreaker breaker;
    private final CacheMetrics metrics;
    private final String keyPrefix;
    private final String target;
    private final AtomicBoolean policyCheckPending = new AtomicBoolean(true);

    /**
     * The result of one command: {@code available} is false when Redis could not be used, and
     * {@code value} is then null.
     */
    public record Reply<T>(boolean available, T value) {
        private static final Reply<?> UNAVAILABLE = new Reply<>(false, null);

        static <T> Reply<T> of(T value) {
            return new Reply<>(true, value);
        }

        @SuppressWarnings("unchecked")
        public static <T> Reply<T> unavailable() {
            return (Reply<T>) UNAVAILABLE;
        }
    }

    /**
     * @param client the Redis client; closed by {@link #close()}
     * @param pool the client's connection pool, whose idle connections are dropped after a
     *     connection failure; null when the client has none
     * @param target the server address, for logs
     * @param failureThreshold consecutive failures that open the breaker
     * @param openDuration how long the breaker stays open before a probe
     * @param keyPrefix prefix of every key written
     */
    public RedisTier(
            UnifiedJedis client,
            Pool<Connection> pool,
            String target,
            int failureThreshold,
            Duration openDuration,
            CacheMetrics metrics,
            String keyPrefix) {
        this.client = Objects.requireNonNull(client, "client can't be null");
        this.pool = pool;
        this.target = Objects.requireNonNull(target, "target can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix can't be null");
        this.breaker =
                new CircuitBreaker(
                        target,
                        failureThreshold,
                        openDuration,
                        System::nanoTime,
                        this::onTransition);
    }

    /**
     * Checks Redis' memory policy and logs a warning when it does not suit a cache. When Redis is
     * unreachable now, the check runs again after the first command that succeeds.
     */
    public void checkMemoryPolicy() {
        if (policyCheckPending.compareAndSet(true, false)) {
            MemoryPolicyCheck.Result result = MemoryPolicyCheck.run(client, target);
            if (result == MemoryPolicyCheck.Result.UNREACHABLE) {
                policyCheckPending.set(true);
            }
        }
    }

    /** Returns the encoded entry of {@code key}; the value is null when there is none. */
    public Reply<byte[]> get(CacheKey key) {
        byte[] redisKey = entryKey(key);
        return call("GET", key, redis -> redis.get(redisKey));
    }

    /** Stores an encoded entry that expires after {@code ttl}, replacing any other. */
    public Reply<Boolean> set(CacheKey key, byte[] value, Duration ttl) {
        byte[] redisKey = entryKey(key);
        SetParams params = SetParams.setParams().px(Math.max(1, ttl.toMillis()));
        return call("SET", key, redis -> "OK".equals(redis.set(redisKey, value, params)));
    }

    /**
     * Takes the lock of {@code key} with SET NX PX; the value is true when this call took it and
     * false when another owner holds it.
     */
    public Reply<Boolean> tryLock(CacheKey key, String token, Duration ttl) {
        byte[] redisKey = lockKey(key);
        byte[] owner = token.getBytes(StandardCharsets.UTF_8);
        SetParams params = SetParams.setParams().nx().px(Math.max(1, ttl.toMillis()));
        return call("SET NX", key, redis -> "OK".equals(redis.set(redisKey, owner, params)));
    }

    /**
     * Releases the lock of {@code key} if it still holds {@code token}; the value is true when it
     * was deleted.
     */
    public Reply<Boolean> unlock(CacheKey key, String token) {
        List<byte[]> keys = List.of(lockKey(key));
        List<byte[]> args = List.of(token.getBytes(StandardCharsets.UTF_8));
        return call(
                "EVAL release",
                key,
                redis -> Long.valueOf(1L).equals(redis.eval(RELEASE_SCRIPT, keys, args)));
    }

    /** Returns the state of the breaker in front of Redis. */
    public BreakerState state() {
        return breaker.state();
    }

    private void onTransition(BreakerState from, BreakerState to) {
        if (to == BreakerState.OPEN) {
            dropIdleConnections();
        }
    }

    // A server restart leaves the idle pooled connections unusable; each would fail one command.
    private void dropIdleConnections() {
        if (pool != null) {
            try {
                pool.clear();
            } catch (RuntimeException e) {
                log.debug("Failed to drop idle Redis connections", e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> Reply<T> call(String command, CacheKey key, Function<UnifiedJedis, T> action) {
        if (!breaker.tryAcquire()) {
            return Reply.unavailable();
        }
        try {
            T value = action.apply(client);
            breaker.onSuccess();
            if (policyCheckPending.get()) {
                checkMemoryPolicy();
            }
            return Reply.of(value);
        } catch (JedisDataException e) {
            metrics.error();
            if (e instanceof JedisAccessControlException || e instanceof JedisBusyException) {
                breaker.onFailure(e);
            } else {
                breaker.onSuccess();
            }
            log.debug(
                    "Redis returned an error reply command={} key={} error={}",
                    command,
                    key,
                    e.toString());
            return Reply.unavailable();
        } catch (RuntimeException e) {
            // Connection refused or reset, timeouts, an exhausted pool, or a closed client.
            metrics.error();
            breaker.onFailure(e);
            dropIdleConnections();
            log.debug(
                    "Redis command failed command={} key={} error={}", command, key, e.toString());
            return Reply.unavailable();
        }
    }

    private byte[] entryKey(CacheKey key) {
        return (keyPrefix + "result:" + key.hex()).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] lockKey(CacheKey key) {
        return (keyPrefix + "lock:" + key.hex()).getBytes(StandardCharsets.UTF_8);
    }
}
