package dev.codepulse.testsupport;

import dev.codepulse.localstack.RedisServer;
import org.testcontainers.containers.GenericContainer;

/**
 * Redis for tests: the shared server of this test JVM, and private servers that a test may stop and
 * restart.
 */
public final class TestRedis {
    private static String sharedUrl;

    private TestRedis() {}

    /** Returns the URL of the shared Redis, as redis://host:port, starting it on first call. */
    public static synchronized String sharedUrl() {
        if (sharedUrl == null) {
            sharedUrl = startShared();
        }
        return sharedUrl;
    }

    /**
     * Starts a private redis-server child process that the caller controls (stop, restart) and
     * closes. Needs redis-server on PATH, also when containers are used.
     */
    public static RedisServer startPrivate() {
        return RedisServer.start(RedisServer.Options.defaults());
    }

    private static String startShared() {
        if (TestInfrastructure.kind() == TestInfrastructure.Kind.CONTAINERS) {
            GenericContainer<?> container = Containers.startRedis();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-redis-stop"));
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        RedisServer server = RedisServer.start(RedisServer.Options.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-redis-stop"));
        return server.url();
    }
}
