package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TtlTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResultCache cache = cacheWith(Map.of("cache.ttl.ms.python", "600000"));

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void shouldUseConfiguredLanguageTtl() {
        Duration python = cache.ttl("python");
        Duration java = cache.ttl("java");

        assertThat(python).isEqualTo(Duration.ofMinutes(10));
        assertThat(java).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldApplyTtlWithinBounds() {
        TtlUpdate update = cache.setTtl("java", Duration.ofMinutes(30));

        assertThat(update.applied()).isTrue();
        assertThat(update.previous()).isEqualTo(Duration.ofHours(1));
        assertThat(update.current()).isEqualTo(Duration.ofMinutes(30));
        assertThat(update.reason()).isEmpty();
        assertThat(cache.ttl("java")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldAcceptBothBounds() {
        TtlUpdate atMin = cache.setTtl("c", cache.minTtl());
        TtlUpdate atMax = cache.setTtl("cpp", cache.maxTtl());

        assertThat(atMin.applied()).isTrue();
        assertThat(atMax.applied()).isTrue();
    }

    @Test
    void shouldRejectTtlBelowMinimum() {
        TtlUpdate update = cache.setTtl("python", cache.minTtl().minusMillis(1));

        assertThat(update.applied()).isFalse();
        assertThat(update.current()).isEqualTo(Duration.ofMinutes(10));
        assertThat(update.reason()).contains("59999 ms").contains("[60000, 604800000] ms");
        assertThat(cache.ttl("python")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldRejectTtlAboveMaximum() {
        TtlUpdate update = cache.setTtl("python", cache.maxTtl().plusMillis(1));

        assertThat(update.applied()).isFalse();
        assertThat(update.reason()).contains("python").contains("604800001 ms");
    }

    @Test
    void shouldRejectEmptyLanguage() {
        TtlUpdate update = cache.setTtl(" ", Duration.ofMinutes(5));

        assertThat(update.applied()).isFalse();
        assertThat(update.reason()).contains("language id is empty");
    }

    @Test
    void shouldExposeTtlPerLanguageAsGauge() {
        cache.setTtl("javascript", Duration.ofMinutes(2));

        assertThat(ttlGaugeSeconds("javascript")).isEqualTo(120.0);
        assertThat(ttlGaugeSeconds("python")).isEqualTo(600.0);
        assertThat(ttlGaugeSeconds("default")).isEqualTo(3600.0);
    }

    @Test
    void shouldTrackLanguagesSeenInLookups() {
        cache.lookupOrCompute(Fixtures.key("int main() {}"), Fixtures::accepted);

        assertThat(ttlGaugeSeconds("cpp")).isEqualTo(3600.0);
    }

    private double ttlGaugeSeconds(String language) {
        TimeGauge gauge = registry.get("codepulse.cache.ttl").tag("language", language).timeGauge();
        return gauge.value(TimeUnit.SECONDS);
    }

    private ResultCache cacheWith(Map<String, Object> overrides) {
        Map<String, Object> config = Fixtures.localOnly();
        config.putAll(overrides);
        return ResultCache.create(new CacheConfig(config), "worker-test", registry);
    }
}
