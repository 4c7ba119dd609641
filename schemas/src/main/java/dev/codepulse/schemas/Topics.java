package dev.codepulse.schemas;

import dev.codepulse.schemas.serde.EventSerdes;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of every topic in the pipeline, each with its key and value serdes.
 *
 * <p>All event topics are keyed by a UTF-8 string and carry Avro values. {@link #DEAD_LETTERS}
 * carries the original key and value bytes of records that could not be processed.
 */
public final class Topics {
    static {
        // Code that uses the topics copies records through their builders; see the method.
        EventSerdes.trustGeneratedTypes();
    }

    /** Submissions posted by producers; key: submission id. */
    public static final Topic<String, Submission> SUBMISSIONS =
            avro("submissions", Submission.class);

    /** One judged report per submission; key: submission id. */
    public static final Topic<String, ExecutionReport> EXECUTION_REPORTS =
            avro("execution-reports", ExecutionReport.class);

    /** Per-function pre-aggregated timings; key: function name. */
    public static final Topic<String, FunctionSample> FUNCTION_SAMPLES =
            avro("function-samples", FunctionSample.class);

    /** Per-language window aggregates; key: language@windowStart. */
    public static final Topic<String, LanguageStats> LANGUAGE_STATS =
            avro("language-stats", LanguageStats.class);

    /** Per-function window aggregates; key: function@windowStart. */
    public static final Topic<String, FunctionStats> FUNCTION_STATS =
            avro("function-stats", FunctionStats.class);

    /** Optimizer findings; key: recommendation id. */
    public static final Topic<String, Recommendation> RECOMMENDATIONS =
            avro("recommendations", Recommendation.class);

    /** Health scores; key: scope. */
    public static final Topic<String, HealthScore> SYSTEM_HEALTH =
            avro("system-health", HealthScore.class);

    /** Bounded setting changes and their acknowledgements; key: target. */
    public static final Topic<String, OptimizerAction> OPTIMIZER_ACTIONS =
            avro("optimizer-actions", OptimizerAction.class);

    /**
     * Records no consumer could process, with the original bytes; key: the original key. Headers
     * name the source topic, partition, offset and error.
     */
    public static final Topic<byte[], byte[]> DEAD_LETTERS =
            new Topic<>(
                    "dead-letters",
                    byte[].class,
                    serdes -> Serdes.ByteArray(),
                    serdes -> Serdes.ByteArray());

    private static final List<Topic<?, ?>> ALL =
            List.of(
                    SUBMISSIONS,
                    EXECUTION_REPORTS,
                    FUNCTION_SAMPLES,
                    LANGUAGE_STATS,
                    FUNCTION_STATS,
                    RECOMMENDATIONS,
                    SYSTEM_HEALTH,
                    OPTIMIZER_ACTIONS,
                    DEAD_LETTERS);

    private Topics() {}

    /** Returns every topic, in pipeline order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /**
     * Returns the topic with the given name.
     *
     * @throws IllegalArgumentException if no topic has that name
     */
    public static Topic<?, ?> byName(String name) {
        for (Topic<?, ?> topic : ALL) {
            if (topic.name().equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException(
                "Unknown topic '"
                        + name
                        + "'; known topics: "
                        + ALL.stream().map(Topic::name).toList());
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> avro(
            String name, Class<V> valueType) {
        return new Topic<>(
                name, valueType, serdes -> Serdes.String(), serdes -> serdes.serde(valueType));
    }
}
