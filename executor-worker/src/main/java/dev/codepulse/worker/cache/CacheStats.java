package dev.codepulse.worker.cache;

/**
 * Counters of one cache instance since it was created; a snapshot, not updated afterwards.
 *
 * @param lookups calls of lookupOrCompute that returned
 * @param localHits lookups served by the in-process tier, also by waiting for another thread of
 *     this process computing the same key
 * @param localMisses lookups the in-process tier did not serve
 * @param redisHits lookups served by Redis, also after waiting for another worker
 * @param redisMisses lookups that queried Redis and were not served by it
 * @param coalesced lookups that waited for another thread of this process
 * @param lockWaits lookups that waited for another worker holding the Redis lock
 * @param lockWaitTimeouts lock waits that ended at the wait limit, after which the lookup computed
 *     itself
 * @param stored results written to at least one tier
 * @param notCacheable results not stored because their outcome is not deterministic
 * @param tooLarge results not stored because they exceed the entry size limit
 * @param errors Redis commands that failed (refusals by the open breaker not included) and entries
 *     that could not be decoded
 * @param localEvictions entries the in-process tier removed for size or expiry
 * @param localEntries entries in the in-process tier now
 * @param localBytes weight of the in-process tier now, in bytes
 * @param maxLookupMicros longest lookup time reported so far, in microseconds
 * @param breakerState state of the Redis circuit breaker now
 */
public record CacheStats(
        long lookups,
        long localHits,
        long localMisses,
        long redisHits,
        long redisMisses,
        long coalesced,
        long lockWaits,
        long lockWaitTimeouts,
        long stored,
        long notCacheable,
        long tooLarge,
        long errors,
        long localEvictions,
        long localEntries,
        long localBytes,
        long maxLookupMicros,
        BreakerState breakerState) {

    /** Returns the statistics as one line of key=value fields, for logs. */
    public String summary() {
        return "lookups="
                + lookups
                + " localHits="
                + localHits
                + " redisHits="
                + redisHits
                + " redisMisses="
                + redisMisses
                + " coalesced="
                + coalesced
                + " lockWaits="
                + lockWaits
                + " lockWaitTimeouts="
                + lockWaitTimeouts
                + " stored="
                + stored
                + " notCacheable="
                + notCacheable
                + " tooLarge="
                + tooLarge
                + " errors="
                + errors
                + " localEvictions="
                + localEvictions
                + " localEntries="
                + localEntries
                + " localBytes="
                + localBytes
                + " maxLookupMicros="
                + maxLookupMicros
                + " breaker="
                + breakerState;
    }
}
