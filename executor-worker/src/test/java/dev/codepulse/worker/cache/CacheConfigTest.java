package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheConfigTest {

    @Test
    void shouldUseInProcessTierOnlyByDefault() {
        CacheConfig config = new CacheConfig(Map.of());

        assertThat(config.redisEndpoint()).isEmpty();
        assertThat(config.defaultTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldParseRedisUrl() {
        CacheConfig config =
                new CacheConfig(Map.of("cache.redis.url", "rediss://cache.local:6380/2"));

        RedisEndpoint endpoint = config.redisEndpoint().orElseThrow();

        assertThat(endpoint).isEqualTo(new RedisEndpoint("cache.local", 6380, 2, true));
    }

    @Test
    void shouldDefaultRedisPortAndDatabase() {
        CacheConfig config = new CacheConfig(Map.of("cache.redis.url", "redis://127.0.0.1"));

        RedisEndpoint endpoint = config.redisEndpoint().orElseThrow();

        assertThat(endpoint).isEqualTo(new RedisEndpoint("127.0.0.1", 6379, 0, false));
    }

    @Test
    void shouldParseIpv6RedisUrl() {
        CacheConfig config = new CacheConfig(Map.of("cache.redis.url", "redis://[::1]:6380"));

        RedisEndpoint endpoint = config.redisEndpoint().orElseThrow();

        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(endpoint).hasToString("redis://[::1]:6380/0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://host:6379",
                "redis://user:secret@host:6379",
                "redis://:secret@host:6379",
                "redis://host:6379/x",
                "redis://host:6379/0?ssl=true",
                "redis:///0"
            })
    void shouldRejectInvalidRedisUrl(String url) {
        assertThatThrownBy(() -> new CacheConfig(Map.of("cache.redis.url", url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.redis.url");
    }

    @Test
    void shouldNotEchoCredentialsOfRejectedUrl() {
        assertThatThrownBy(
                        () -> new CacheConfig(Map.of("cache.redis.url", "redis://u:hunter2@h:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.redis.password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldReadLanguageTtls() {
        CacheConfig config =
                new CacheConfig(
                        Map.of("cache.ttl.ms.python", "600000", "cache.ttl.ms.cpp", 7_200_000L));

        Map<String, Duration> ttls = config.languageTtls();

        assertThat(ttls)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("python", Duration.ofMinutes(10), "cpp", Duration.ofHours(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"59999", "604800001", "ten", ""})
    void shouldRejectLanguageTtlOutsideBounds(String value) {
        assertThatThrownBy(() -> new CacheConfig(Map.of("cache.ttl.ms.java", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.ttl.ms.java");
    }

    @Test
    void shouldRejectDefaultTtlOutsideBounds() {
        assertThatThrownBy(
                        () ->
                                new CacheConfig(
                                        Map.of("cache.ttl.ms", "1000", "cache.ttl.min.ms", "2000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.ttl.ms")
                .hasMessageContaining("[2000, 604800000]");
    }

    @Test
    void shouldRejectInvertedTtlBounds() {
        assertThatThrownBy(
                        () ->
                                new CacheConfig(
                                        Map.of(
                                                "cache.ttl.min.ms", "100000",
                                                "cache.ttl.max.ms", "90000",
                                                "cache.ttl.ms", "95000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.ttl.min.ms=100000")
                .hasMessageContaining("cache.ttl.max.ms=90000");
    }

    @Test
    void shouldRejectIdlePoolLargerThanPool() {
        assertThatThrownBy(
                        () ->
                                new CacheConfig(
                                        Map.of(
                                                "cache.redis.pool.max.total", "4",
                                                "cache.redis.pool.max.idle", "8")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.redis.pool.max.idle=8");
    }

    @Test
    void shouldMaskPasswordsInDescription() {
        CacheConfig config =
                new CacheConfig(
                        Map.of(
                                "cache.redis.password", "hunter2",
                                "cache.redis.ssl.truststore.password", "changeit"));

        Map<String, String> description = config.describe();

        assertThat(description.values()).noneMatch(v -> v.contains("hunter2"));
        assertThat(description.values()).noneMatch(v -> v.contains("changeit"));
        assertThat(config.redisPassword().value()).isEqualTo("hunter2");
    }

    @Test
    void shouldSumTimeoutsInCommandBound() {
        CacheConfig config =
                new CacheConfig(
                        Map.of(
                                "cache.redis.connect.timeout.ms", "100",
                                "cache.redis.socket.timeout.ms", "150",
                                "cache.redis.pool.borrow.timeout.ms", "50"));

        Duration bound = config.redisCommandBound();

        assertThat(bound).isEqualTo(Duration.ofMillis(300));
    }
}
