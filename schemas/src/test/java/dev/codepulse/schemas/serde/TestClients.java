package dev.codepulse.schemas.serde;

import dev.codepulse.schemas.registry.HttpSchemaRegistryClient;
import java.time.Duration;

/** Registry clients with test settings. */
final class TestClients {
    private TestClients() {}

    /** Returns a client with generous timeouts, no credentials and room for every test schema. */
    static HttpSchemaRegistryClient client(String url) {
        return new HttpSchemaRegistryClient(
                url, Duration.ofSeconds(2), Duration.ofSeconds(5), 100, null);
    }
}
