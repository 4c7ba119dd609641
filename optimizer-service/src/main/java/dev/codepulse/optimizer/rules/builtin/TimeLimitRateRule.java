package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.TargetKind;
import dev.codepulse.schemas.Verdict;

/** Fires when many submissions of a language end with TIME_LIMIT_EXCEEDED. */
public final class TimeLimitRateRule extends VerdictRateRule {
    public static final String ID = "time-limit-rate";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Many submissions of a language end with TIME_LIMIT_EXCEEDED.",
                    "share of reports with TIME_LIMIT_EXCEEDED, from 0 to 1",
                    SeverityTable.higherIsWorse(0.10, 0.20, 0.35, 0.50),
                    defaultMinReports(),
                    "Check whether wall-clock or CPU limits fire and whether workers are"
                            + " saturated.");

    public TimeLimitRateRule() {
        super(Verdict.TIME_LIMIT_EXCEEDED);
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
                + " submissions ended with TIME_LIMIT_EXCEEDED ("
                + reports
                + "). If the wall-clock limit fires more than the CPU limit, the workers are"
                + " saturated: lower executor slots per worker or start more workers. If the CPU"
                + " limit fires, check that the "
                + language
                + " time limit allows for the runtime's start-up (JVM and Node start in tens of"
                + " milliseconds).";
    }
}
