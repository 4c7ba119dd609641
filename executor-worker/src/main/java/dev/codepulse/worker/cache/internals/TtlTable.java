package dev.codepulse.worker.cache.internals;

import dev.codepulse.worker.cache.TtlUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TTL of each language: a default, per-language values from configuration, and changes made at
 * run time, all within fixed bounds. Each language seen gets a gauge {@code codepulse.cache.ttl}
 * tagged with it; the default has the tag {@code language=default}. Thread-safe.
 */
public final class TtlTable {
    private static final Logger log = LoggerFactory.getLogger(TtlTable.class);
    private static final String DEFAULT_TAG = "default";

    private final Duration defaultTtl;
    private final Duration min;
    private final Duration max;
    private final MeterRegistry registry;
    private final Map<String, Duration> ttls = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    /**
     * @param configured per-language TTLs, already checked against the bounds
     * @throws IllegalArgumentException if a TTL lies outside [min, max]
     */
    public TtlTable(
            Duration defaultTtl,
            Map<String, Duration> configured,
            Duration min,
            Duration max,
            MeterRegistry registry) {
        this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl can't be null");
        this.min = Objects.requireNonNull(min, "min can't be null");
        this.max = Objects.requireNonNull(max, "max can't be null");
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
        requireWithinBounds("default", defaultTtl);
        configured.forEach(
                (language, ttl) -> {
                    requireWithinBounds(language, ttl);
                    ttls.put(language, ttl);
                    track(language);
                });
        TimeGauge.builder(
                        "codepulse.cache.ttl",
                        this,
                        TimeUnit.MILLISECONDS,
                        t -> defaultTtl.toMillis())
                .description("TTL of new cache entries per language")
                .tag("language", DEFAULT_TAG)
                .register(registry);
    }

    /** Returns the TTL of new entries of {@code language}. */
    public Duration ttl(String language) {
        return ttls.getOrDefault(language, defaultTtl);
    }

    /** Registers the TTL gauge of {@code language} if it has none yet. */
    public void track(String language) {
        if (gauged.add(language)) {
            TimeGauge.builder(
                            "codepulse.cache.ttl",
                            this,
                            TimeUnit.MILLISECONDS,
                            table -> table.ttl(language).toMillis())
                    .description("TTL of new cache entries per language")
                    .tag("language", language)
                    .register(registry);
        }
    }

    /**
     * Sets the TTL of {@code language} when it lies within the bounds; returns the applied or
     * rejected update. Entries already stored keep the TTL they were stored with.
     */
    public synchronized TtlUpdate set(String language, Duration requested) {
        Objects.requireNonNull(requested, "requested can't be null");
        String name = language == null ? "" : language.strip();
        Duration previous = name.isEmpty() ? defaultTtl : ttl(name);
        if (name.isEmpty()) {
            return new TtlUpdate(
                    "", requested, false, previous, previous, "the language id is empty");
        }
        if (requested.compareTo(min) < 0 || requested.compareTo(max) > 0) {
            String reason =
                    "TTL "
                            + requested.toMillis()
                            + " ms for language "
                            + name
                            + " is outside this worker's bounds ["
                            + min.toMillis()
                            + ", "
                            + max.toMillis()
                            + "] ms";
            return new TtlUpdate(name, requested, false, previous, previous, reason);
        }
        ttls.put(name, requested);
        track(name);
        if (!previous.equals(requested)) {
            log.info(
                    "Cache TTL changed language={} fromMs={} toMs={}",
                    name,
                    previous.toMillis(),
                    requested.toMillis());
        }
        return new TtlUpdate(name, requested, true, previous, requested, "");
    }

    /** Returns the TTL of every language with its own value, sorted by language. */
    public Map<String, Duration> snapshot() {
        return new TreeMap<>(ttls);
    }

    /** Returns the lowest accepted TTL. */
    public Duration min() {
        return min;
    }

    /** Returns the highest accepted TTL. */
    public Duration max() {
        return max;
    }

    private void requireWithinBounds(String language, Duration ttl) {
        if (ttl.compareTo(min) < 0 || ttl.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "Invalid TTL "
                            + ttl.toMillis()
                            + " ms for "
                            + language
                            + "; expected ["
                            + min.toMillis()
                            + ", "
                            + max.toMillis()
                            + "] ms");
        }
    }
}
