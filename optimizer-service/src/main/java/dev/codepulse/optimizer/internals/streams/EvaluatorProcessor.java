package dev.codepulse.optimizer.internals.streams;

import dev.codepulse.optimizer.internals.engine.AvroMapping;
import dev.codepulse.optimizer.internals.engine.Optimizer;
import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The evaluator: the one task of the single-partition evaluator input, so it receives every target
 * of every window. Feeds records to an {@link Optimizer} over the task's state store and forwards
 * what settled windows publish; a wall-clock punctuation evaluates windows that settle while no
 * input arrives.
 */
final class EvaluatorProcessor implements Processor<byte[], byte[], String, Object> {
    private final OptimizerTopology.Wiring wiring;
    private final Deserializer<LanguageStats> languages;
    private final Deserializer<FunctionStats> functions;
    private final Deserializer<OptimizerAction> actions;
    private ProcessorContext<String, Object> context;
    private Optimizer optimizer;

    EvaluatorProcessor(OptimizerTopology.Wiring wiring) {
        this.wiring = wiring;
        this.languages = wiring.serdes().serde(LanguageStats.class);
        this.functions = wiring.serdes().serde(FunctionStats.class);
        this.actions = wiring.serdes().serde(OptimizerAction.class);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, byte[]> store = context.getStateStore(OptimizerTopology.STORE);
        optimizer =
                new Optimizer(
                        wiring.config(),
                        new StreamsRawStore(store),
                        wiring.metrics(),
                        wiring.view());
        optimizer.refreshView();
        context.schedule(
                Duration.ofMillis(wiring.config().punctuateIntervalMs()),
                PunctuationType.WALL_CLOCK_TIME,
                timestamp -> publish(optimizer.evaluateDue(context.currentSystemTimeMs())));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String kind = Inputs.header(record.headers(), Inputs.KIND_HEADER);
        String source = Inputs.header(record.headers(), Inputs.SOURCE_HEADER);
        String topic = wiring.config().evaluatorInputTopic();
        long nowMs = context.currentSystemTimeMs();
        switch (kind) {
            case Inputs.LANGUAGE ->
                    optimizer.accept(languages.deserialize(topic, record.value()), nowMs, source);
            case Inputs.FUNCTION ->
                    optimizer.accept(functions.deserialize(topic, record.value()), nowMs, source);
            case Inputs.ACKNOWLEDGEMENT ->
                    optimizer.acknowledge(actions.deserialize(topic, record.value()));
            default ->
                    throw new IllegalStateException(
                            "Evaluator input without a known kind header: '"
                                    + kind
                                    + "' from "
                                    + source);
        }
        publish(optimizer.evaluateDue(nowMs));
    }

    private void publish(List<WindowResult> results) {
        long nowMs = context.currentSystemTimeMs();
        for (WindowResult result : results) {
            for (RecommendationData recommendation : result.recommendations()) {
                context.forward(
                        new Record<>(
                                recommendation.id(),
                                (Object) AvroMapping.toAvro(recommendation),
                                nowMs),
                        OptimizerTopology.RECOMMENDATIONS_SINK);
            }
            for (HealthData health : result.health()) {
                context.forward(
                        new Record<>(health.scope(), (Object) AvroMapping.toAvro(health), nowMs),
                        OptimizerTopology.HEALTH_SINK);
            }
            // NOTE: optimizer-actions is compacted and keyed by target, so two action types for
            // one language would keep only the newest record of either type.
            for (ActionData action : result.actions()) {
                context.forward(
                        new Record<>(action.target(), (Object) AvroMapping.toAvro(action), nowMs),
                        OptimizerTopology.ACTIONS_SINK);
            }
        }
    }
}
