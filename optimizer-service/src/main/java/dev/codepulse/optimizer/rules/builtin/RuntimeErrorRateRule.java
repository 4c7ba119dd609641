package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.TargetKind;
import dev.codepulse.schemas.Verdict;

/** Fires when many submissions of a language end with RUNTIME_ERROR. */
public final class RuntimeErrorRateRule extends VerdictRateRule {
    public static final String ID = "runtime-error-rate";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Many submissions of a language end with RUNTIME_ERROR.",
                    "share of reports with RUNTIME_ERROR, from 0 to 1",
                    SeverityTable.higherIsWorse(0.10, 0.20, 0.35, 0.50),
                    defaultMinReports(),
                    "Compare exit codes and signals of the failing runs with the sandbox limits.");

    public RuntimeErrorRateRule() {
        super(Verdict.RUNTIME_ERROR);
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
                + " submissions ended with RUNTIME_ERROR ("
                + reports
                + "). Compare their exit codes and signals in execution-reports: a signal such as"
                + " SIGKILL or SIGXFSZ points at a sandbox limit (processes, open files, file size)"
                + " and a shared exit code at a missing library in the "
                + language
                + " toolchain.";
    }
}
