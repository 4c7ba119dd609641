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
import dev.codepulse.streams.internals.ReportObservation;
import dev.codepulse.streams.internals.ReportObservationSerde;
import dev.codepulse.streams.internals.ReportReader;
import dev.codepulse.streams.internals.SampleReader;
import dev.codepulse.streams.internals.WindowAggregateProcessor;
import dev.codepulse.streams.internals.WindowDefinition;
import dev.codepulse.streams.internals.WindowStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
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
 * execution-reports (bytes) ─► reports-decode ─┬─ rejected ─► dead-letters
 *                                              └─ valid ─► repartition by language
 *                      (language-observations) ─► language-windows-aggregate ─► language-stats
 * function-samples (bytes)  ─► samples-decode ─┬─ rejected ─► dead-letters
 *                                              └─ valid ─► repartition by function
 *                   (function-samples-by-name) ─► function-windows-aggregate ─► function-stats
 * </pre>
 *
 * <p>The repartition topics carry each value with its source partition, and every decoding task
 * sends its stream time to all partitions of its repartition topic, so the aggregation closes a
 * window only when every source partition has passed it; see {@code SourceClocks}.
 *
 * <p>Every processor, store and repartition topic is named, so the internal topics ({@code
 * APPLICATION_ID-language-observations-repartition}, {@code
 * APPLICATION_ID-language-windows-changelog} and so on) keep their names when the topology changes.
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
        WindowDefinition windows = windowDefinition(config);
        addLanguageWindows(builder, config, serdes, metrics, windows, partitions.reports());
        addFunctionWindows(builder, config, serdes, metrics, windows, partitions.samples());
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

    private static void addLanguageWindows(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            EventSerdes serdes,
            AggregationMetrics metrics,
            WindowDefinition windows,
            int sourcePartitions) {
        ReportReader reader =
                new ReportReader(
                        serdes.serde(ExecutionReport.class),
                        config.maxDurationMs(),
                        config.maxQueueMs());
        KStream<String, Envelope<ReportObservation>> reports =
                decoded(
                        builder,
                        config,
                        metrics,
                        windows,
                        Topics.EXECUTION_REPORTS,
                        "reports",
                        reader);
        LanguageWindows aggregation = LanguageWindows.INSTANCE;
        WindowStores.add(builder, aggregation, config.inMemoryStores());
        reports.repartition(
                        Repartitioned.<String, Envelope<ReportObservation>>as(
                                        "language-observations")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(EnvelopeSerde.of(ReportObservationSerde.serde()))
                                .withStreamPartitioner(new EnvelopePartitioner<>()))
                .process(
                        () ->
                                new WindowAggregateProcessor<>(
                                        aggregation, windows, metrics, sourcePartitions),
                        Named.as("language-windows-aggregate"),
                        aggregation.storeName(),
                        aggregation.lateStoreName(),
                        aggregation.clockStoreName())
                .to(
                        config.topic(Topics.LANGUAGE_STATS).name(),
                        Produced.with(Serdes.String(), serdes.serde(LanguageStats.class))
                                .withName("language-stats-sink"));
    }

    private static void addFunctionWindows(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            EventSerdes serdes,
            AggregationMetrics metrics,
            WindowDefinition windows,
            int sourcePartitions) {
        SampleReader reader =
                new SampleReader(serdes.serde(FunctionSample.class), config.maxDurationMs());
        KStream<String, Envelope<FunctionSample>> samples =
                decoded(
                        builder,
                        config,
                        metrics,
                        windows,
                        Topics.FUNCTION_SAMPLES,
                        "samples",
                        reader);
        FunctionWindows aggregation = FunctionWindows.INSTANCE;
        WindowStores.add(builder, aggregation, config.inMemoryStores());
        // The internal topic always uses single-object encoding: it needs no registry subject.
        Serde<FunctionSample> internalSerde =
                EventSerdes.singleObject().serde(FunctionSample.class);
        samples.repartition(
                        Repartitioned.<String, Envelope<FunctionSample>>as(
                                        "function-samples-by-name")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(EnvelopeSerde.of(internalSerde))
                                .withStreamPartitioner(new EnvelopePartitioner<>()))
                .process(
                        () ->
                                new WindowAggregateProcessor<>(
                                        aggregation, windows, metrics, sourcePartitions),
                        Named.as("function-windows-aggregate"),
                        aggregation.storeName(),
                        aggregation.lateStoreName(),
                        aggregation.clockStoreName())
                .to(
                        config.topic(Topics.FUNCTION_STATS).name(),
                        Produced.with(Serdes.String(), serdes.serde(FunctionStats.class))
                                .withName("function-stats-sink"));
    }

    /**
     * Reads a topic as bytes, decodes it, sends the rejected records to the dead-letters topic and
     * returns the envelopes of valid values and of progress, keyed for aggregation.
     */
    private static <V> KStream<String, Envelope<V>> decoded(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            AggregationMetrics metrics,
            WindowDefinition windows,
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
                                                stream,
                                                windows),
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
        return envelopes(branches.get(stream + "-valid"));
    }

    // Every value left after the rejected branch is an Envelope; a cast of the stream avoids a
    // mapValues node, and with it per-record work.
    @SuppressWarnings("unchecked")
    private static <V> KStream<String, Envelope<V>> envelopes(KStream<String, Decoded<V>> valid) {
        return (KStream<String, Envelope<V>>) (KStream<String, ?>) valid;
    }
}
