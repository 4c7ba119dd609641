package dev.codepulse.streams;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.internals.AggregationMetrics;
import dev.codepulse.streams.internals.Decoded;
import dev.codepulse.streams.internals.DecodingProcessor;
import dev.codepulse.streams.internals.Envelope;
import dev.codepulse.streams.internals.EnvelopePartitioner;
import dev.codepulse.streams.internals.EnvelopeSerde;
import dev.codepulse.streams.internals.EventReader;
import dev.codepulse.streams.internals.FunctionWindows;
import dev.codepulse.streams.internals.LanguageWindows;
import dev.codepulse.streams.internals.PartialAggregator;
import dev.codepulse.streams.internals.ReportReader;
import dev.codepulse.streams.internals.SampleReader;
import dev.codepulse.streams.internals.WindowAggregate;
import dev.codepulse.streams.internals.WindowAggregateProcessor;
import dev.codepulse.streams.internals.WindowDefinition;
import dev.codepulse.streams.internals.WindowStores;
import dev.codepulse.streams.internals.WindowedAggregation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Builds the metrics-streams topology.
 *
 * <pre>
 * execution-reports (bytes)
 *   └─ reports-decode ─┬─ rejected ─► reports-dead-letters-sink ─► dead-letters
 *                      └─ valid ─► language-partials-aggregate  [language-partials]
 *                                    │ partials per language and window, progress
 *                                    ▼ APPLICATION_ID-language-partials-repartition
 *                                  language-windows-aggregate  [language-windows, ...]
 *                                    └─► language-stats-sink ─► language-stats
 * function-samples (bytes): the same with samples-, function- and function-stats.
 * </pre>
 *
 * <p>Each source partition's task aggregates its own records per key and window and sends only
 * partial aggregates, followed by its stream time, to the task that owns the key, so the
 * repartition topic carries a few messages per key and flush instead of one per record. The owner
 * closes a window once every active source partition has passed it; see {@code PartialAggregator}
 * and {@code WindowAggregateProcessor}.
 *
 * <p>Every processor, store and repartition topic is named, so the internal topics ({@code
 * APPLICATION_ID-language-partials-repartition}, {@code APPLICATION_ID-language-windows-changelog}
 * and so on) keep their names when the topology changes.
 */
public final class MetricsStreamsTopology {
    /** Window store of the language aggregates, for interactive queries. */
    public static final String LANGUAGE_WINDOWS_STORE = LanguageWindows.INSTANCE.storeName();

    /** Window store of the function aggregates, for interactive queries. */
    public static final String FUNCTION_WINDOWS_STORE = FunctionWindows.INSTANCE.storeName();

    private MetricsStreamsTopology() {}

    /**
     * Builds the topology.
     *
     * @param config topics, windows and validation bounds
     * @param serdes serdes of the input and output events
     * @param registry where the processors register their meters (aggregated, dropped and
     *     dead-lettered records, emitted windows)
     * @param partitions partition counts of the source topics
     * @throws NullPointerException if an argument is null
     */
    public static Topology buildTopology(
            MetricsStreamsConfig config,
            EventSerdes serdes,
            MeterRegistry registry,
            SourcePartitions partitions) {
        Objects.requireNonNull(config, "config can't be null");
        Objects.requireNonNull(serdes, "serdes can't be null");
        Objects.requireNonNull(registry, "registry can't be null");
        Objects.requireNonNull(partitions, "partitions can't be null");
        AggregationMetrics metrics =
                new AggregationMetrics(
                        registry, config.topic(Topics.DEAD_LETTERS).name(), config.instanceId());
        // A builder without a configuration parses an empty one and logs warnings about it.
        StreamsBuilder builder =
                new StreamsBuilder(
                        new TopologyConfig(new StreamsConfig(config.streamsProperties(null))));
        Wiring wiring = new Wiring(builder, config, metrics, windowDefinition(config));
        addInput(
                wiring,
                Topics.EXECUTION_REPORTS,
                partitions.reports(),
                new ReportReader(
                        serdes.serde(ExecutionReport.class),
                        config.maxDurationMs(),
                        config.maxQueueMs()),
                LanguageWindows.INSTANCE,
                "language",
                Produced.with(Serdes.String(), serdes.serde(LanguageStats.class)),
                Topics.LANGUAGE_STATS);
        addInput(
                wiring,
                Topics.FUNCTION_SAMPLES,
                partitions.samples(),
                new SampleReader(serdes.serde(FunctionSample.class), config.maxDurationMs()),
                FunctionWindows.INSTANCE,
                "function",
                Produced.with(Serdes.String(), serdes.serde(FunctionStats.class)),
                Topics.FUNCTION_STATS);
        return builder.build();
    }

    /** Returns the window settings of a configuration. */
    public static WindowDefinition windowDefinition(MetricsStreamsConfig config) {
        return new WindowDefinition(
                config.windowSizeMs(),
                config.windowGraceMs(),
                config.windowIdleCloseMs(),
                config.punctuationIntervalMs(),
                config.queryRetainedWindows());
    }

    /** Builder, configuration, meters and windows shared by the parts of every input. */
    private record Wiring(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            AggregationMetrics metrics,
            WindowDefinition windows) {}

    /**
     * Adds one input: decoding with dead letters, then partial windows per source partition, sent
     * through the NAME-partials repartition topic to the NAME-windows owner of each key, which
     * emits final results to the output topic.
     */
    private static <V, A extends WindowAggregate, O extends SpecificRecord> void addInput(
            Wiring wiring,
            Topic<?, ?> source,
            int sourcePartitions,
            EventReader<V> reader,
            WindowedAggregation<V, A, O> aggregation,
            String name,
            Produced<String, O> produced,
            Topic<String, O> output) {
        StreamsBuilder builder = wiring.builder();
        MetricsStreamsConfig config = wiring.config();
        AggregationMetrics metrics = wiring.metrics();
        WindowDefinition windows = wiring.windows();
        KStream<String, Decoded<V>> valid =
                decoded(builder, config, metrics, source, aggregation.stream(), reader);
        WindowStores.add(builder, aggregation, config.inMemoryStores());
        Duration flushInterval = Duration.ofMillis(config.partialFlushIntervalMs());
        valid.process(
                        () -> new PartialAggregator<>(aggregation, windows, flushInterval, metrics),
                        Named.as(name + "-partials-aggregate"),
                        aggregation.partialStoreName())
                .repartition(
                        Repartitioned.<String, Envelope<A>>as(name + "-partials")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(EnvelopeSerde.of(aggregation.serde()))
                                .withStreamPartitioner(new EnvelopePartitioner<>()))
                .process(
                        () ->
                                new WindowAggregateProcessor<>(
                                        aggregation, windows, metrics, sourcePartitions),
                        Named.as(name + "-windows-aggregate"),
                        aggregation.storeName(),
                        aggregation.lateStoreName(),
                        aggregation.clockStoreName())
                .to(config.topic(output).name(), produced.withName(name + "-stats-sink"));
    }

    /**
     * Reads a topic as bytes, decodes it, sends the rejected records to the dead-letters topic and
     * returns the valid ones keyed for aggregation.
     */
    private static <V> KStream<String, Decoded<V>> decoded(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            AggregationMetrics metrics,
            Topic<?, ?> topic,
            String stream,
            EventReader<V> reader) {
        String deadLetterTopic = config.topic(Topics.DEAD_LETTERS).name();
        String source = config.topic(topic).name();
        KStream<String, Decoded<V>> decoded =
                builder.stream(
                                source,
                                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                        .withName(stream + "-source"))
                        .process(
                                () ->
                                        new DecodingProcessor<>(
                                                reader,
                                                deadLetterTopic,
                                                config.instanceId(),
                                                metrics,
                                                stream),
                                Named.as(stream + "-decode"));
        Map<String, KStream<String, Decoded<V>>> branches =
                decoded.split(Named.as(stream + "-"))
                        .branch(
                                (key, value) -> value instanceof Decoded.Rejected<V>,
                                Branched.as("rejected"))
                        .defaultBranch(Branched.as("valid"));
        branches.get(stream + "-rejected")
                .map(
                        (key, value) -> {
                            Decoded.Rejected<V> rejected = (Decoded.Rejected<V>) value;
                            return KeyValue.pair(rejected.key(), rejected.value());
                        },
                        Named.as(stream + "-rejected-bytes"))
                .to(
                        deadLetterTopic,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName(stream + "-dead-letters-sink"));
        return branches.get(stream + "-valid");
    }
}
