package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.TargetKind;
import dev.codepulse.schemas.Verdict;

/** Fires when many submissions of a language end with MEMORY_LIMIT_EXCEEDED. */
public final class MemoryLimitRateRule extends VerdictRateRule {
    public static final String ID = "memory-limit-rate";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Many submissions of a language end with MEMORY_LIMIT_EXCEEDED.",
                    "share of reports with MEMORY_LIMIT_EXCEEDED, from 0 to 1",
                    SeverityTable.higherIsWorse(0.05, 0.10, 0.20, 0.35),
                    defaultMinReports(),
                    "Give the runtime's own footprint headroom in the memory limit.");

    public MemoryLimitRateRule() {
        super(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    protected String suggestion(String language, double rate, long reports) {
        return percent(rate)
                + " of "
                + language
                + " submissions ended with MEMORY_LIMIT_EXCEEDED ("
                + reports
                + "). Check the "
                + language
                + " memory limit against the runtime's own footprint: the JVM and Node need"
                + " headroom above the program's data, so raise the default limit or bound the"
                + " runtime (for example -Xmx below the limit, --max-old-space-size for Node).";
    }
}
