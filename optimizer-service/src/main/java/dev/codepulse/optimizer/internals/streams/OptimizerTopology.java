package dev.codepulse.optimizer.internals.streams;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The optimizer's Kafka Streams topology, with Processor API nodes:
 *
 * <pre>
 * language-stats ─┐
 * function-stats ─┼─► decode-inputs ─► evaluator-input (1 partition) ─► evaluate ─► recommendations
 * optimizer-actions┘        │                                         [optimizer-state] ─► system-health
 *                          └─► dead-letters                                     └─► optimizer-actions
 * </pre>
 *
 * The router runs in one task per input partition; the evaluator in the one task of the
 * single-partition evaluator input, so it receives every target of every window and owns the state
 * store, whose changelog restores it on any instance.
 */
public final class OptimizerTopology {
    static final String STORE = "optimizer-state";
    static final String EVALUATOR_INPUT_SINK = "evaluator-input-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String RECOMMENDATIONS_SINK = "recommendations-sink";
    static final String HEALTH_SINK = "system-health-sink";
    static final String ACTIONS_SINK = "optimizer-actions-sink";

    private OptimizerTopology() {}

    /** Everything the topology's processors share. */
    public record Wiring(
            OptimizerConfig config,
            EventSerdes serdes,
            DeadLetterPublisher deadLetters,
            OptimizerMetrics metrics,
            OptimizerView view) {

        String languageStatsTopic() {
            return config.topic(Topics.LANGUAGE_STATS).name();
        }

        String functionStatsTopic() {
            return config.topic(Topics.FUNCTION_STATS).name();
        }

        String actionsTopic() {
            return config.topic(Topics.OPTIMIZER_ACTIONS).name();
        }

        String deadLetterTopic() {
            return config.topic(Topics.DEAD_LETTERS).name();
        }

        String instanceId() {
            return config.instanceId();
        }
    }

    /** Builds the topology. */
    public static Topology build(Wiring wiring) {
        OptimizerConfig config = wiring.config();
        Topology topology = new Topology();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        topology.addSource(
                AutoOffsetReset.earliest(),
                "inputs",
                bytesIn,
                bytesIn,
                wiring.languageStatsTopic(),
                wiring.functionStatsTopic(),
                wiring.actionsTopic());
        topology.addProcessor("decode-inputs", () -> new InputRouter(wiring), "inputs");

        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSink(
                DEAD_LETTERS_SINK, wiring.deadLetterTopic(), bytesOut, bytesOut, "decode-inputs");
        topology.addSink(
                EVALUATOR_INPUT_SINK,
                config.evaluatorInputTopic(),
                bytesOut,
                bytesOut,
                "decode-inputs");

        topology.addSource(
                AutoOffsetReset.earliest(),
                "evaluator-input",
                bytesIn,
                bytesIn,
                config.evaluatorInputTopic());
        topology.addProcessor("evaluate", () -> new EvaluatorProcessor(wiring), "evaluator-input");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(STORE),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withCachingDisabled()
                        .withLoggingEnabled(Map.of()),
                "evaluate");

        addOutputSinks(topology, wiring);
        return topology;
    }

    private static void addOutputSinks(Topology topology, Wiring wiring) {
        StringSerializer keys = new StringSerializer();
        EventSerdes serdes = wiring.serdes();
        topology.addSink(
                RECOMMENDATIONS_SINK,
                wiring.config().topic(Topics.RECOMMENDATIONS).name(),
                keys,
                erase(serdes.serde(Recommendation.class)),
                "evaluate");
        topology.addSink(
                HEALTH_SINK,
                wiring.config().topic(Topics.SYSTEM_HEALTH).name(),
                keys,
                erase(serdes.serde(HealthScore.class)),
                "evaluate");
        topology.addSink(
                ACTIONS_SINK,
                wiring.actionsTopic(),
                keys,
                erase(serdes.serde(OptimizerAction.class)),
                "evaluate");
    }

    // The evaluator forwards Object values; each sink receives only its own record type.
    @SuppressWarnings("unchecked")
    private static Serializer<Object> erase(Serializer<?> serializer) {
        return (Serializer<Object>) serializer;
    }
}
