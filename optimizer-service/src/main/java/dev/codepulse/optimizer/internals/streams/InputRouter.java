package dev.codepulse.optimizer.internals.streams;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.OptimizerActions;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the topology: decodes each record of the input topics, sends undecodable ones to
 * dead letters, drops the optimizer's own actions, and passes aggregates and acknowledgements, as
 * the original bytes, to the single-partition evaluator input with their kind in a header.
 */
final class InputRouter implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger log = LoggerFactory.getLogger(InputRouter.class);

    private final Map<String, String> kindByTopic;
    private final Deserializer<LanguageStats> languages;
    private final Deserializer<FunctionStats> functions;
    private final Deserializer<OptimizerAction> actions;
    private final String deadLetterTopic;
    private final DeadLetterPublisher deadLetters;
    private final String instanceId;
    private ProcessorContext<byte[], byte[]> context;

    InputRouter(OptimizerTopology.Wiring wiring) {
        this.kindByTopic =
                Map.of(
                        wiring.languageStatsTopic(), Inputs.LANGUAGE,
                        wiring.functionStatsTopic(), Inputs.FUNCTION,
                        wiring.actionsTopic(), Inputs.ACKNOWLEDGEMENT);
        this.languages = wiring.serdes().serde(LanguageStats.class);
        this.functions = wiring.serdes().serde(FunctionStats.class);
        this.actions = wiring.serdes().serde(OptimizerAction.class);
        this.deadLetterTopic = wiring.deadLetterTopic();
        this.deadLetters = wiring.deadLetters();
        this.instanceId = wiring.instanceId();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        String kind = kindByTopic.get(metadata.topic());
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("Record has no value (tombstone)");
            }
            if (!decodeAndKeep(kind, metadata.topic(), record.value())) {
                return;
            }
        } catch (RuntimeException e) {
            deadLetter(record, metadata, e);
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(Inputs.KIND_HEADER, Inputs.bytes(kind));
        headers.add(
                Inputs.SOURCE_HEADER,
                Inputs.bytes(
                        metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset()));
        context.forward(
                new Record<>(record.key(), record.value(), record.timestamp(), headers),
                OptimizerTopology.EVALUATOR_INPUT_SINK);
    }

    // Returns false for records the evaluator does not need: the optimizer's own actions.
    private boolean decodeAndKeep(String kind, String topic, byte[] value) {
        switch (kind) {
            case Inputs.LANGUAGE -> languages.deserialize(topic, value);
            case Inputs.FUNCTION -> functions.deserialize(topic, value);
            default -> {
                OptimizerAction action = actions.deserialize(topic, value);
                return !OptimizerActions.isIssuedByOptimizer(action);
            }
        }
        return true;
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata metadata, Exception e) {
        ProducerRecord<byte[], byte[]> letter =
                DeadLetters.of(
                        deadLetterTopic,
                        metadata.topic(),
                        metadata.partition(),
                        metadata.offset(),
                        record.key(),
                        record.value(),
                        record.headers(),
                        e,
                        instanceId);
        context.forward(
                new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()),
                OptimizerTopology.DEAD_LETTERS_SINK);
        deadLetters.count(metadata.topic(), e);
        log.warn(
                "Skipped record sent to dead letters topic={} partition={} offset={} error={}",
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                e.toString());
    }
}
