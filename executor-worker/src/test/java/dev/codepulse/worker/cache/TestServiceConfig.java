package dev.codepulse.worker.cache;

import dev.codepulse.common.config.ServiceConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** A service configuration with only the shared keys, standing in for the worker's own. */
final class TestServiceConfig extends ServiceConfig {
    TestServiceConfig(Map<String, String> values) {
        super(ServiceConfig.define(new ConfigDef(), 0), values);
    }
}
