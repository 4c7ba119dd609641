package dev.codepulse.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Testcontainers-backed broker and Redis, used only when a Docker engine is available. */
final class Containers {
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String REDIS_IMAGE = "redis:7.0";

    private Containers() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static KafkaContainer startKafka() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        kafka.start();
        return kafka;
    }

    static GenericContainer<?> startRedis() {
        GenericContainer<?> redis =
                new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                        .withExposedPorts(6379)
                        .withCommand(
                                "redis-server",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--maxmemory",
                                "256mb",
                                "--maxmemory-policy",
                                "allkeys-lru");
        redis.start();
        return redis;
    }
}
