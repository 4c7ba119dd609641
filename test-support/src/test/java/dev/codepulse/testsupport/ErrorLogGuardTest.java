package dev.codepulse.testsupport;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// The sample tests run inside these tests, so their ERROR events reach this class's guard too.
@ExpectErrorLogs
class ErrorLogGuardTest {

    @Test
    void shouldFailTestThatLogsUnexpectedError() {
        Events tests = run(LogsError.class);

        tests.assertStatistics(stats -> stats.started(1).failed(1).succeeded(0));
    }

    @Test
    void shouldPassTestThatExpectsItsError() {
        Events tests = run(ExpectsError.class);

        tests.assertStatistics(stats -> stats.started(2).failed(1).succeeded(1));
    }

    @Test
    void shouldIgnoreErrorsOfOtherLibraries() {
        Events tests = run(LogsLibraryError.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    private static Events run(Class<?> type) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(type))
                .execute()
                .testEvents();
    }

    static class LogsError {
        private static final Logger log = LoggerFactory.getLogger("dev.codepulse.sample");

        @Test
        void logsError() {
            log.error("Something broke");
        }
    }

    static class ExpectsError {
        private static final Logger log = LoggerFactory.getLogger("dev.codepulse.sample");

        @Test
        @ExpectErrorLogs("Something broke")
        void logsExpectedError() {
            log.error("Something broke badly");
        }

        @Test
        @ExpectErrorLogs("Something broke")
        void logsOtherError() {
            log.error("Another failure");
        }
    }

    static class LogsLibraryError {
        private static final Logger log = LoggerFactory.getLogger("org.apache.kafka.sample");

        @Test
        void logsError() {
            log.error("Broker unreachable");
        }
    }
}
