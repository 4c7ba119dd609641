package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TargetKind;
import java.util.List;

/**
 * Fires when compilation of a language is slow: the p95 compile wall time, in milliseconds.
 * Interpreted languages compile nothing and stay silent for lack of samples.
 */
public final class SlowCompilationRule extends LanguageRule {
    public static final String ID = "slow-compilation";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Compilation of a language is slow.",
                    "p95 compile wall time, in milliseconds",
                    SeverityTable.higherIsWorse(2_000, 5_000, 10_000, 20_000),
                    20,
                    "Warm the toolchain, lower optimisation flags for judging, or rely on the"
                            + " result cache.");

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    protected long sampleCount(LanguageStats stats) {
        return stats.getCompileMillis().getCount();
    }

    @Override
    protected Observation observe(
            String language, LanguageStats stats, WindowData window, RuleContext context) {
        Distribution compile = stats.getCompileMillis();
        EvidenceItem evidence =
                EvidenceItem.of(
                        "compile.p95",
                        "ms",
                        0,
                        lowThreshold(),
                        compile.getP95(),
                        window,
                        compile.getCount());
        return judge(
                language,
                compile.getP95(),
                List.of(evidence),
                compile.getCount(),
                compile.getCount(),
                () ->
                        "Compilation of "
                                + language
                                + " takes "
                                + format(compile.getP95())
                                + " ms at p95 over "
                                + compile.getCount()
                                + " compiles. Check that workers are not starved of CPU, use a"
                                + " lighter optimisation level for judging (-O1 rather than -O2"
                                + " for C and C++), precompile common headers, and make sure"
                                + " repeated submissions are answered from the result cache.");
    }
}
