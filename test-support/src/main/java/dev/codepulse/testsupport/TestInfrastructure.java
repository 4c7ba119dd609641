package dev.codepulse.testsupport;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how tests get their broker and Redis: containers when a Docker engine answers, otherwise
 * an embedded broker and a redis-server child process.
 *
 * <p>Set the environment variable {@code CODEPULSE_TEST_INFRA} to {@code embedded} or {@code
 * containers} to force a choice.
 */
public final class TestInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Kind KIND = choose();

    /** Where the test broker and Redis run. */
    public enum Kind {
        EMBEDDED,
        CONTAINERS
    }

    private TestInfrastructure() {}

    /** Returns the choice made for this JVM. */
    public static Kind kind() {
        return KIND;
    }

    private static Kind choose() {
        String forced = System.getenv("CODEPULSE_TEST_INFRA");
        if (forced != null && !forced.isBlank()) {
            Kind kind = Kind.valueOf(forced.strip().toUpperCase(Locale.ROOT));
            log.info("Test infrastructure forced by CODEPULSE_TEST_INFRA kind={}", kind);
            return kind;
        }
        Kind kind = Containers.dockerAvailable() ? Kind.CONTAINERS : Kind.EMBEDDED;
        log.info("Test infrastructure chosen kind={}", kind);
        return kind;
    }
}
