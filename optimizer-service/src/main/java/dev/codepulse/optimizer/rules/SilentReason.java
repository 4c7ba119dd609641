package dev.codepulse.optimizer.rules;

/** Why a rule said nothing about a target in a window. */
public enum SilentReason {
    /** Fewer samples than the rule's minimum sample count. */
    INSUFFICIENT_SAMPLES,
    /** Too few earlier windows of the target to compare against. */
    INSUFFICIENT_HISTORY,
    /** The aggregate lacks the quantity the rule measures, such as a limit that is not set. */
    NO_DATA;

    /** Returns the kebab-case name used in metrics and over HTTP. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
