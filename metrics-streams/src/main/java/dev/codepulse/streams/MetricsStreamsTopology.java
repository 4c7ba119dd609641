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
import dev.codepulse.streams.internals.EventReader;
import dev.codepulse.streams.internals.FunctionWindows;
import dev.codepulse.streams.internals.LanguageWindows;
import dev.codepulse.streams.internals.ReportObservation;
import dev.codepulse.streams.internals.ReportObservationSerde;
import dev.codepulse.streams.internals.ReportReader;
import dev.codepulse.streams.internals.SampleReader;
import dev.codepulse.streams.internals.WindowAggregate;
import dev.codepulse.streams.internals.WindowAggregateProcessor;
import dev.codepulse.streams.internals.WindowDefinition;
import dev.codepulse.streams.internals.WindowKey;
import dev.codepulse.streams.internals.WindowedAggregation;
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
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

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
     * @throws NullPointerException if an argument is null
     */
    public static Topology buildTopology(
            MetricsStreamsConfig config, EventSerdes serdes, MeterRegistry registry) {
        Objects.requireNonNull(config, "config can't be null");
        Objects.requireNonNull(serdes, "serdes can't be null");
        Objects.requireNonNull(registry, "registry can't be null");
        AggregationMetrics metrics =
                new AggregationMetrics(
                        registry, config.topic(Topics.DEAD_LETTERS).name(), config.instanceId());
        // A builder without a configuration parses an empty one and logs warnings about it.
        StreamsBuilder builder =
                new StreamsBuilder(
                        new TopologyConfig(new StreamsConfig(config.streamsProperties(null))));
        WindowDefinition windows = windowDefinition(config);
        addLanguageWindows(builder, config, serdes, metrics, windows);
        addFunctionWindows(builder, config, serdes, metrics, windows);
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
            WindowDefinition windows) {
        ReportReader reader =
                new ReportReader(
                        serdes.serde(ExecutionReport.class),
                        config.maxDurationMs(),
                        config.maxQueueMs());
        KStream<String, ReportObservation> reports =
                decoded(builder, config, metrics, Topics.EXECUTION_REPORTS, "reports", reader);
        LanguageWindows aggregation = LanguageWindows.INSTANCE;
        addStores(builder, config, aggregation);
        reports.repartition(
                        Repartitioned.<String, ReportObservation>as("language-observations")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(ReportObservationSerde.serde()))
                .process(
                        () -> new WindowAggregateProcessor<>(aggregation, windows, metrics),
                        Named.as("language-windows-aggregate"),
                        aggregation.storeName(),
                        aggregation.lateStoreName())
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
            WindowDefinition windows) {
        SampleReader reader =
                new SampleReader(serdes.serde(FunctionSample.class), config.maxDurationMs());
        KStream<String, FunctionSample> samples =
                decoded(builder, config, metrics, Topics.FUNCTION_SAMPLES, "samples", reader);
        FunctionWindows aggregation = FunctionWindows.INSTANCE;
        addStores(builder, config, aggregation);
        // The internal topic always uses single-object encoding: it needs no registry subject.
        Serde<FunctionSample> internalSerde =
                EventSerdes.singleObject().serde(FunctionSample.class);
        samples.repartition(
                        Repartitioned.<String, FunctionSample>as("function-samples-by-name")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(internalSerde))
                .process(
                        () -> new WindowAggregateProcessor<>(aggregation, windows, metrics),
                        Named.as("function-windows-aggregate"),
                        aggregation.storeName(),
                        aggregation.lateStoreName())
                .to(
                        config.topic(Topics.FUNCTION_STATS).name(),
                        Produced.with(Serdes.String(), serdes.serde(FunctionStats.class))
                                .withName("function-stats-sink"));
    }

    /**
     * Reads a topic as bytes, decodes it, sends the rejected records to the dead-letters topic and
     * returns the valid ones keyed for aggregation.
     */
    private static <V> KStream<String, V> decoded(
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
        return branches.get(stream + "-valid")
                .mapValues(
                        value -> ((Decoded.Valid<V>) value).value(),
                        Named.as(stream + "-valid-values"));
    }

    private static <A extends WindowAggregate> void addStores(
            StreamsBuilder builder,
            MetricsStreamsConfig config,
            WindowedAggregation<?, A, ?> aggregation) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(config, aggregation.storeName()),
                                WindowKey.serde(),
                                aggregation.serde())
                        .withCachingEnabled());
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                                supplier(config, aggregation.lateStoreName()),
                                Serdes.String(),
                                Serdes.Long())
                        .withCachingEnabled());
    }

    private static KeyValueBytesStoreSupplier supplier(MetricsStreamsConfig config, String name) {
        return config.inMemoryStores()
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }
}
