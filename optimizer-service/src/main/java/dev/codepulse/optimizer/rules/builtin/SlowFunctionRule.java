package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.FunctionRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.RuleSettings;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.TargetOverrides;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.TargetKind;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Fires when a function's p95 wall time is over its latency budget. The severity value is the ratio
 * of p95 to budget; the budget is {@code rule.slow.function.budget.ms} unless {@code
 * rule.slow.function.budget.overrides} names the function.
 */
public final class SlowFunctionRule extends FunctionRule {
    public static final String ID = "slow-function";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.FUNCTION,
                    "A function's p95 wall time is over its latency budget.",
                    "ratio of p95 wall time to the function's budget",
                    SeverityTable.higherIsWorse(1.0, 1.5, 2.5, 5.0),
                    50,
                    "Profile the function's slow calls, or correct its budget.");

    public static final String BUDGET_MS_CONFIG = DEFINITION.keyPrefix() + "budget.ms";
    public static final String BUDGET_OVERRIDES_CONFIG =
            DEFINITION.keyPrefix() + "budget.overrides";

    private double defaultBudgetMs;
    private TargetOverrides budgets;

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void defineKeys(ConfigDef definition) {
        definition
                .define(
                        BUDGET_MS_CONFIG,
                        Type.DOUBLE,
                        250.0,
                        Range.between(0.001, 3_600_000.0),
                        Importance.MEDIUM,
                        "Default latency budget of a function: the p95 wall time per call, in"
                                + " milliseconds, that it should stay under.")
                .define(
                        BUDGET_OVERRIDES_CONFIG,
                        Type.LIST,
                        "",
                        TargetOverrides.validator(),
                        Importance.MEDIUM,
                        "Latency budgets of single functions as function:milliseconds entries,"
                                + " such as executor.compile:5000,executor.run:10000; functions not"
                                + " listed get "
                                + BUDGET_MS_CONFIG
                                + ".");
    }

    @Override
    protected void configureKeys(RuleSettings settings) {
        defaultBudgetMs = settings.config().getDouble(BUDGET_MS_CONFIG);
        budgets =
                TargetOverrides.parse(
                        BUDGET_OVERRIDES_CONFIG,
                        settings.config().getList(BUDGET_OVERRIDES_CONFIG));
    }

    /** Returns the latency budget of a function, in milliseconds. */
    public double budgetMs(String function) {
        return budgets.valueFor(function, defaultBudgetMs);
    }

    @Override
    protected Observation observe(
            String function, FunctionStats stats, WindowData window, RuleContext context) {
        double budgetMs = budgetMs(function);
        double p95Ms = stats.getWallNanos().getP95() / NANOS_PER_MS;
        double maxMs = stats.getWallNanos().getMax() / NANOS_PER_MS;
        EvidenceItem evidence =
                EvidenceItem.of(
                        "function.wall.p95", "ms", 0, budgetMs, p95Ms, window, stats.getCount());
        return judge(
                function,
                p95Ms / budgetMs,
                List.of(evidence),
                stats.getCount(),
                stats.getCount(),
                () ->
                        "Profile "
                                + function
                                + ": its p95 of "
                                + format(p95Ms)
                                + " ms is "
                                + format(p95Ms / budgetMs)
                                + "x its budget of "
                                + format(budgetMs)
                                + " ms (slowest call "
                                + format(maxMs)
                                + " ms). Find what the slow calls share, or set a realistic budget"
                                + " with "
                                + BUDGET_OVERRIDES_CONFIG
                                + "="
                                + function
                                + ":MS.");
    }
}
