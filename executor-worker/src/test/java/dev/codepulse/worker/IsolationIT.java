package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.testsupport.TestKafka;
import dev.codepulse.testsupport.TestRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Programs that try to see or reach what is outside the sandbox: the worker's environment, other
 * processes, the host's files and local services (a real broker and Redis started for the test).
 */
class IsolationIT {
    // The language's environment, plus PWD, which bubblewrap sets to the work directory.
    private static final Set<String> SANDBOX_VARIABLES = Set.of("PATH", "HOME", "LANG", "PWD");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor =
                TestExecutors.start(
                        Map.of(
                                ExecutionConfig.REPORT_EXCERPT_MAX_BYTES_CONFIG, 16384,
                                ExecutionConfig.SUBMISSION_TESTS_MAX_CONFIG, 4));
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    private static final String JAVASCRIPT_PROBE =
            """
            const fs = require('fs');
            const net = require('net');
            const result = { env: process.env, connections: {} };
            try {
              result.pid1Environ = fs.readFileSync('/proc/1/environ', 'latin1');
            } catch (e) {
              result.pid1Environ = 'error ' + e.code;
            }
            const targets = JSON.parse(fs.readFileSync(0, 'utf8'));
            let pending = targets.length;
            for (const [name, host, port] of targets) {
              let settled = false;
              const settle = (outcome, socket) => {
                if (settled) return;
                settled = true;
                socket.destroy();
                result.connections[name] = outcome;
                if (--pending === 0) console.log(JSON.stringify(result));
              };
              const socket = net.connect({ host, port, timeout: 2000 });
              socket.on('connect', () => settle('connected', socket));
              socket.on('error', (e) => settle('error ' + e.code, socket));
              socket.on('timeout', () => settle('timeout', socket));
            }
            """;

    @Test
    void shouldHideEnvironmentAndServices() throws Exception {
        URI broker = URI.create("kafka://" + TestKafka.bootstrapServers().split(",")[0]);
        URI redis = URI.create(TestRedis.sharedUrl());
        String targets =
                JSON.writeValueAsString(
                        List.of(
                                List.of("kafka", broker.getHost(), broker.getPort()),
                                List.of("redis", redis.getHost(), redis.getPort())));

        ExecutionOutcome outcome =
                executor.execute(
                        submission(
                                "javascript",
                                JAVASCRIPT_PROBE,
                                List.of(test("probe", targets, "")),
                                limits(5_000, 15_000, 256 * MIB, MIB)));
        TestResult result = outcome.tests().get(0);
        JsonNode report = JSON.readTree(result.getStdoutExcerpt());

        assertThat(result.getExitCode()).as(outcome.toString()).isZero();
        assertThat(fieldNames(report.get("env")))
                .containsExactlyInAnyOrderElementsOf(SANDBOX_VARIABLES);
        assertThat(report.get("env").get("PWD").asText()).isEqualTo("/work");
        assertThat(report.get("pid1Environ").asText()).isEmpty();
        assertThat(report.get("connections").get("kafka").asText()).startsWith("error");
        assertThat(report.get("connections").get("redis").asText()).startsWith("error");
        assertThat(workerValuesIn(result.getStdoutExcerpt())).isEmpty();
    }

    private static final String PYTHON_PROBE =
            """
            import json, os
            result = {'uid': os.getuid(), 'gid': os.getgid(), 'groups': os.getgroups()}
            def attempt(name, action):
                try:
                    action()
                    result[name] = 'ok'
                except Exception as e:
                    result[name] = type(e).__name__
            attempt('writeUsr', lambda: open('/usr/codepulse-probe', 'w'))
            attempt('writeRoot', lambda: open('/codepulse-probe', 'w'))
            attempt('writeEtc', lambda: open('/etc/codepulse-probe', 'w'))
            attempt('writeDev', lambda: open('/dev/codepulse-probe', 'w'))
            attempt('writeWork', lambda: open('/work/codepulse-probe', 'w'))
            attempt('readShadow', lambda: open('/etc/shadow').read())
            attempt('listRootHome', lambda: os.listdir('/root'))
            attempt('writeTmp', lambda: open('/tmp/probe', 'w').write('x'))
            tmp = os.statvfs('/tmp')
            result['tmpBytes'] = tmp.f_blocks * tmp.f_frsize
            result['pids'] = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())
            print(json.dumps(result))
            """;

    @Test
    void shouldConfineProgramToOwnUid() throws Exception {
        ExecutionOutcome outcome =
                executor.execute(
                        submission(
                                "python",
                                PYTHON_PROBE,
                                List.of(test("probe", "", "")),
                                TestSubmissions.defaultLimits()));
        TestResult result = outcome.tests().get(0);
        JsonNode report = JSON.readTree(result.getStdoutExcerpt());

        assertThat(result.getExitCode()).as(outcome.toString()).isZero();
        assertThat(report.get("uid").asInt()).isBetween(61000, 61999);
        assertThat(report.get("gid").asInt()).isEqualTo(report.get("uid").asInt());
        assertThat(report.get("groups")).isEmpty();
        for (String write : List.of("writeUsr", "writeRoot", "writeEtc", "writeDev", "writeWork")) {
            assertThat(report.get(write).asText()).as(write).isNotEqualTo("ok");
        }
        assertThat(report.get("readShadow").asText()).isNotEqualTo("ok");
        assertThat(report.get("listRootHome").asText()).isNotEqualTo("ok");
        assertThat(report.get("writeTmp").asText()).isEqualTo("ok");
        assertThat(report.get("tmpBytes").asLong()).isEqualTo(64 * MIB);
        // Only bubblewrap's reaper (1) and the program itself (2) live in the pid namespace.
        assertThat(report.get("pids").toString()).isEqualTo("[1,2]");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // Values of the test JVM's environment, at least 8 characters long, found in the output.
    private static List<String> workerValuesIn(String output) {
        List<String> leaked = new ArrayList<>();
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            String value = variable.getValue();
            boolean sandboxOwn = SANDBOX_VARIABLES.contains(variable.getKey());
            if (!sandboxOwn && value.length() >= 8 && output.contains(value)) {
                leaked.add(variable.getKey());
            }
        }
        return leaked;
    }
}
