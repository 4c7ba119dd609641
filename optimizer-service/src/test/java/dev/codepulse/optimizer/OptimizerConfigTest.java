package dev.codepulse.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.common.InvalidConfigurationException;
import dev.codepulse.common.config.ConfigDocs;
import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Severity;
import dev.codepulse.schemas.TargetKind;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {
    /** A rule added with one class and configuration: fires on languages with many reports. */
    public static final class BusyLanguageRule extends LanguageRule {
        @Override
        public RuleDefinition definition() {
            return new RuleDefinition(
                    "busy-language",
                    TargetKind.LANGUAGE,
                    "A language has many reports.",
                    "reports in the window",
                    SeverityTable.higherIsWorse(100, 200, 400, 800),
                    1,
                    "Nothing; a test rule.");
        }

        @Override
        protected long sampleCount(LanguageStats stats) {
            return stats.getCount();
        }

        @Override
        protected Observation observe(
                String language, LanguageStats stats, WindowData window, RuleContext context) {
            return judge(
                    language,
                    stats.getCount(),
                    List.of(),
                    stats.getCount(),
                    stats.getCount(),
                    () -> "Nothing to do for " + language + ".");
        }
    }

    @Test
    void shouldDefineKeysOfEveryDefaultRule() {
        String table = ConfigDocs.markdownTable(OptimizerConfig.configDef());

        assertThat(table).contains("`rule.slow.function.severity.critical`");
        assertThat(table).contains("`rule.cache.hit.rate.min.samples`");
        assertThat(table).contains("`rule.slow.function.budget.overrides`");
        assertThat(table).contains("`action.cache.ttl.enabled`");
        assertThat(new OptimizerConfig(Map.of()).rules()).hasSize(10);
    }

    @Test
    void shouldRejectSeverityTableOutOfOrder() {
        Map<String, String> properties = Map.of("rule.slow.function.severity.medium", "0.5");

        assertThatThrownBy(() -> new OptimizerConfig(properties))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("rule.slow.function.severity");
    }

    @Test
    void shouldRejectUnknownRuleClass() {
        Map<String, String> properties =
                Map.of(OptimizerConfig.RULES_CONFIG, "com.example.Missing");

        assertThatThrownBy(() -> new OptimizerConfig(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("com.example.Missing");
    }

    @Test
    void shouldRejectMinimumTtlAboveMaximum() {
        Map<String, String> properties =
                Map.of(
                        OptimizerConfig.CACHE_TTL_MIN_MS_CONFIG, "10000",
                        OptimizerConfig.CACHE_TTL_MAX_MS_CONFIG, "5000");

        assertThatThrownBy(() -> new OptimizerConfig(properties))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("action.cache.ttl.min.ms=10000");
    }

    @Test
    void shouldRunRuleAddedByConfiguration() {
        OptimizerHarness harness =
                new OptimizerHarness(
                        Map.of(
                                OptimizerConfig.RULES_CONFIG,
                                BusyLanguageRule.class.getName(),
                                "rule.busy.language.severity.high",
                                "300"));

        WindowResult result = harness.window(Aggregates.language("go", 0, 350).build());

        assertThat(result.recommendations()).hasSize(1);
        RecommendationData busy = result.recommendations().get(0);
        assertThat(busy.id()).isEqualTo("busy-language:go");
        assertThat(busy.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void shouldSkipDisabledRule() {
        OptimizerHarness harness =
                new OptimizerHarness(Map.of("rule.runtime.error.rate.enabled", "false"));

        WindowResult result =
                harness.window(
                        Aggregates.language("python", 0, 100).verdict("RUNTIME_ERROR", 50).build());

        assertThat(result.recommendations()).isEmpty();
    }
}
