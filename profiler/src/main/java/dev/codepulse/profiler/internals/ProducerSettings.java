package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.ProfilerConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the properties of the profiler's own Kafka producer from a {@link ProfilerConfig}. */
public final class ProducerSettings {
    /** How long the producer waits to fill a batch; samples of one interval are sent together. */
    static final int LINGER_MS = 50;

    private ProducerSettings() {}

    /**
     * Returns the producer properties: connection and security keys of the service, the profiler's
     * defaults, then the {@code profiler.producer.*} overrides.
     */
    public static Map<String, Object> of(ProfilerConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", config.bootstrapServers()));
        config.originals()
                .forEach(
                        (key, value) -> {
                            if (isConnectionKey(key)) {
                                properties.put(key, value);
                            }
                        });
        int publishTimeoutMs = config.publishTimeoutMs();
        properties.put(
                ProducerConfig.CLIENT_ID_CONFIG, "codepulse-profiler-" + config.instanceId());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, publishTimeoutMs);
        // The producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, publishTimeoutMs - LINGER_MS);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishTimeoutMs);
        properties.putAll(config.originalsWithPrefix(ProfilerConfig.PRODUCER_PREFIX));
        return properties;
    }

    private static boolean isConnectionKey(String key) {
        return key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)
                || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                || key.startsWith("ssl.")
                || key.startsWith("sasl.");
    }
}
