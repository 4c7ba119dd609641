package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.TargetKind;
import dev.codepulse.schemas.Verdict;

/**
 * Fires when submissions of a language end with INTERNAL_ERROR, a failure of the platform rather
 * than of the submitted code; its thresholds are an order of magnitude below the other verdicts.
 */
public final class InternalErrorRateRule extends VerdictRateRule {
    public static final String ID = "internal-error-rate";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Submissions of a language end with INTERNAL_ERROR, a platform failure.",
                    "share of reports with INTERNAL_ERROR, from 0 to 1",
                    SeverityTable.higherIsWorse(0.005, 0.02, 0.05, 0.10),
                    20,
                    "Read the worker logs for sandbox, toolchain and Redis failures.");

    public InternalErrorRateRule() {
        super(Verdict.INTERNAL_ERROR);
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
                + " submissions ended with INTERNAL_ERROR ("
                + reports
                + "), which the platform causes, not the code. Read the executor-worker logs of"
                + " that window for sandbox start failures, a missing "
                + language
                + " toolchain, a full work directory or cgroup errors, and restart or drain the"
                + " workers that report them.";
    }
}
