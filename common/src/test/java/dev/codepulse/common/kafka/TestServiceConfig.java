package dev.codepulse.common.kafka;

import dev.codepulse.common.config.ServiceConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** A service configuration with only the shared keys, for tests. */
final class TestServiceConfig extends ServiceConfig {
    TestServiceConfig(Map<String, String> values) {
        super(ServiceConfig.define(new ConfigDef(), 0), values);
    }
}
