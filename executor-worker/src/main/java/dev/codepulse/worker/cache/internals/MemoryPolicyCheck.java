package dev.codepulse.worker.cache.internals;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads Redis' {@code maxmemory} and {@code maxmemory-policy} and warns when the server would grow
 * without bound or refuse writes once full. Cache entries all have TTLs, so any policy that evicts
 * (allkeys-lru, allkeys-lfu, volatile-lru, volatile-ttl and the like) keeps the server within
 * maxmemory.
 */
final class MemoryPolicyCheck {
    private static final Logger log = LoggerFactory.getLogger(MemoryPolicyCheck.class);

    /** Outcome of the check. */
    enum Result {
        /** maxmemory is set and the policy evicts. */
        SUITABLE,
        /** The settings were read and a warning was logged. */
        UNSUITABLE,
        /** CONFIG GET is disabled or not allowed; nothing can be checked. */
        UNREADABLE,
        /** Redis could not be reached; check again later. */
        UNREACHABLE
    }

    private MemoryPolicyCheck() {}

    static Result run(UnifiedJedis client, String target) {
        String maxMemory;
        String policy;
        try {
            maxMemory = single(client.configGet("maxmemory"), "maxmemory");
            policy = single(client.configGet("maxmemory-policy"), "maxmemory-policy");
        } catch (JedisDataException e) {
            log.info(
                    "Could not read the Redis memory policy target={} error={}; make sure"
                            + " maxmemory is set with an evicting policy such as allkeys-lru",
                    target,
                    e.getMessage());
            return Result.UNREADABLE;
        } catch (RuntimeException e) {
            log.warn(
                    "Redis is unreachable target={} error={}; results are cached in this process"
                            + " until it replies",
                    target,
                    e.toString());
            return Result.UNREACHABLE;
        }
        return judge(target, maxMemory, policy);
    }

    static Result judge(String target, String maxMemory, String policy) {
        boolean unbounded = maxMemory == null || "0".equals(maxMemory.strip());
        boolean refusesWrites = policy == null || "noeviction".equals(policy.strip());
        if (unbounded) {
            log.warn(
                    "Redis has no memory limit target={} maxmemory={} policy={}; set maxmemory and"
                            + " an evicting policy such as allkeys-lru, or cache entries can use"
                            + " all of the server's memory",
                    target,
                    maxMemory,
                    policy);
        }
        if (refusesWrites) {
            log.warn(
                    "Redis does not evict target={} maxmemory={} policy={}; once maxmemory is"
                            + " reached every cache write fails. Use an evicting policy such as"
                            + " allkeys-lru",
                    target,
                    maxMemory,
                    policy);
        }
        if (unbounded || refusesWrites) {
            return Result.UNSUITABLE;
        }
        log.info(
                "Redis memory policy checked target={} maxmemory={} policy={}",
                target,
                maxMemory,
                policy);
        return Result.SUITABLE;
    }

    private static String single(Map<String, String> reply, String name) {
        return reply == null ? null : reply.get(name);
    }
}
