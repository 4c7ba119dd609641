package dev.codepulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.testsupport.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

    @Test
    void shouldCreateMissingTopicsOnceWithCompactionForStateTopics() throws Exception {
        String prefix = TestKafka.uniquePrefix("provisioner");
        ServiceConfig config =
                new TestServiceConfig(
                        Map.of(
                                "bootstrap.servers",
                                TestKafka.bootstrapServers(),
                                "topic.prefix",
                                prefix,
                                "topic.partitions",
                                "2"));
        List<Topic<?, ?>> topics = List.of(Topics.SUBMISSIONS, Topics.RECOMMENDATIONS);

        try (Admin admin = TestKafka.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, config);
            provisioner.ensure(topics);
            provisioner.ensure(topics);

            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains(prefix + "submissions", prefix + "recommendations");
            assertThat(
                            admin.describeTopics(List.of(prefix + "submissions"))
                                    .allTopicNames()
                                    .get()
                                    .get(prefix + "submissions")
                                    .partitions())
                    .hasSize(2);
            assertThat(cleanupPolicy(admin, prefix + "recommendations"))
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(cleanupPolicy(admin, prefix + "submissions"))
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
