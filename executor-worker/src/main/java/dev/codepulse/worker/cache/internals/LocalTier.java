package dev.codepulse.worker.cache.internals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.codepulse.worker.cache.CacheKey;
import java.time.Duration;

/**
 * The in-process tier: encoded entries in a Caffeine cache bounded by weight in bytes, each entry
 * expiring after the TTL it was stored with. A capacity of 0 disables the tier.
 *
 * <p>Entries are kept encoded, so that each hit decodes a fresh report that the caller may change,
 * and so that the weight is the real size of the entry.
 */
public final class LocalTier {
    /**
     * Bytes charged per entry beyond its encoded value: the 32-byte digest, the key and entry
     * objects and the map node. An estimate for a 64-bit JVM with compressed pointers.
     */
    static final int ENTRY_OVERHEAD_BYTES = 128;

    private final Cache<CacheKey, Entry> cache;

    private record Entry(byte[] bytes, long ttlNanos) {}

    public LocalTier(long maxBytes, CacheMetrics metrics) {
        if (maxBytes <= 0) {
            this.cache = null;
            return;
        }
        this.cache =
                Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher((CacheKey key, Entry entry) -> weight(entry.bytes().length))
                        .expireAfter(
                                Expiry.writing(
                                        (CacheKey key, Entry entry) ->
                                                Duration.ofNanos(entry.ttlNanos())))
                        // Run maintenance and listeners on the calling thread: no pool threads,
                        // and eviction counts are up to date when a call returns.
                        .executor(Runnable::run)
                        .removalListener(
                                (CacheKey key, Entry entry, RemovalCause cause) -> {
                                    if (cause.wasEvicted()) {
                                        metrics.localEviction();
                                    }
                                })
                        .build();
    }

    /** Returns true when the tier has a capacity above 0. */
    public boolean enabled() {
        return cache != null;
    }

    /** Returns the encoded entry of {@code key}, or null when absent or expired. */
    public byte[] get(CacheKey key) {
        if (cache == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(key);
        return entry == null ? null : entry.bytes();
    }

    /**
     * Stores an encoded entry for {@code ttl}; returns false when the tier is disabled or the entry
     * alone exceeds its capacity.
     */
    public boolean put(CacheKey key, byte[] bytes, Duration ttl) {
        if (cache == null
                || weight(bytes.length) > cache.policy().eviction().orElseThrow().getMaximum()) {
            return false;
        }
        cache.put(key, new Entry(bytes, ttl.toNanos()));
        return true;
    }

    /** Removes the entry of {@code key}, if any. */
    public void invalidate(CacheKey key) {
        if (cache != null) {
            cache.invalidate(key);
        }
    }

    /** Removes every entry; evictions are not counted for them. */
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    /** Returns the number of entries, expired ones not yet removed included. */
    public long entries() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** Returns the total weight of the entries, in bytes. */
    public long weightBytes() {
        return cache == null
                ? 0
                : cache.policy().eviction().orElseThrow().weightedSize().orElse(0L);
    }

    private static int weight(int valueBytes) {
        return (int) Math.min(Integer.MAX_VALUE, (long) valueBytes + ENTRY_OVERHEAD_BYTES);
    }
}
