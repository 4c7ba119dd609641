package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Base of rules that judge each target of one kind on its own: it applies the minimum sample count
 * and the severity table, so a rule only measures.
 *
 * @param <T> aggregate type of the targets
 */
public abstract class TargetRule<T> implements Rule {
    private RuleSettings settings;

    @Override
    public final void configure(RuleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings can't be null");
        configureKeys(settings);
    }

    /** Reads the rule's own keys; called once by {@link #configure}. */
    protected void configureKeys(RuleSettings settings) {}

    /**
     * Returns the settings.
     *
     * @throws IllegalStateException if {@link #configure} was not called
     */
    protected final RuleSettings settings() {
        if (settings == null) {
            throw new IllegalStateException(
                    "Rule " + definition().id() + " is not configured; call configure first");
        }
        return settings;
    }

    /** Returns the targets of the window this rule judges, keyed by target name. */
    protected abstract Map<String, T> targets(WindowData window);

    /** Returns the samples behind the rule's metric in one aggregate. */
    protected abstract long sampleCount(T aggregate);

    /** Judges one target that has at least the minimum sample count. */
    protected abstract Observation observe(
            String target, T aggregate, WindowData window, RuleContext context);

    @Override
    public List<Observation> evaluate(WindowData window, RuleContext context) {
        long minSamples = settings().minSamples();
        List<Observation> observations = new ArrayList<>();
        for (Map.Entry<String, T> entry : targets(window).entrySet()) {
            long samples = sampleCount(entry.getValue());
            if (samples < minSamples) {
                observations.add(
                        Observation.silent(
                                entry.getKey(),
                                SilentReason.INSUFFICIENT_SAMPLES,
                                samples + " samples, need at least " + minSamples,
                                samples));
            } else {
                observations.add(observe(entry.getKey(), entry.getValue(), window, context));
            }
        }
        return observations;
    }

    /**
     * Classifies {@code value} with the severity table: firing with the suggested action when it
     * reaches LOW, healthy otherwise.
     */
    protected final Observation judge(
            String target,
            double value,
            List<EvidenceItem> evidence,
            long volume,
            long sampleCount,
            Supplier<String> suggestedAction) {
        Optional<Severity> severity = settings().table().classify(value);
        if (severity.isEmpty()) {
            return Observation.healthy(target, evidence, sampleCount);
        }
        return Observation.firing(
                target, severity.get(), evidence, volume, sampleCount, suggestedAction.get());
    }

    /** Returns the LOW threshold of the configured table. */
    protected final double lowThreshold() {
        return settings().table().low();
    }

    /** Returns the median of the values, or NaN when there are none. */
    protected static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Formats a number as in evidence summaries. */
    protected static String format(double value) {
        return EvidenceItem.format(value);
    }
}
