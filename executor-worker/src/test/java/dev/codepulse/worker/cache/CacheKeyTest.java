package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheKeyTest {
    private static final Submission BASE = Fixtures.submission("int main() {}");

    static Stream<Arguments> submissionChanges() {
        return Stream.of(
                change("language", b -> b.setLanguage("c")),
                change("source", b -> b.setSource("int main() { }")),
                change("test name", b -> b.setTests(tests(t -> t.setName("first"), 0))),
                change("test stdin", b -> b.setTests(tests(t -> t.setStdin("1 3\n"), 0))),
                change(
                        "test expected output",
                        b -> b.setTests(tests(t -> t.setExpectedStdout("4\n"), 1))),
                change("test order", b -> b.setTests(List.of(test(1), test(0)))),
                change("test removed", b -> b.setTests(List.of(test(0)))),
                change("cpu limit", b -> b.setLimits(limits(l -> l.setCpuMs(1001)))),
                change("wall limit", b -> b.setLimits(limits(l -> l.setWallMs(3001)))),
                change(
                        "memory limit",
                        b -> b.setLimits(limits(l -> l.setMemoryBytes((256L << 20) + 1)))),
                change(
                        "output limit",
                        b -> b.setLimits(limits(l -> l.setOutputBytes((1L << 20) + 1)))),
                change("checker mode", b -> b.setCheckerMode(CheckerMode.EXACT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissionChanges")
    void shouldChangeKeyWhenSubmissionFieldChanges(
            String field, UnaryOperator<Submission.Builder> change) {
        Submission changed = change.apply(Submission.newBuilder(BASE)).build();

        CacheKey before = CacheKey.of(BASE, Fixtures.TOOLCHAIN, Fixtures.FLAGS, Fixtures.RUNNER);
        CacheKey after = CacheKey.of(changed, Fixtures.TOOLCHAIN, Fixtures.FLAGS, Fixtures.RUNNER);

        assertThat(after).as(field).isNotEqualTo(before);
    }

    @Test
    void shouldChangeKeyWhenToolchainVersionChanges() {
        CacheKey before = CacheKey.of(BASE, "g++ 12.2.0", Fixtures.FLAGS, Fixtures.RUNNER);

        CacheKey after = CacheKey.of(BASE, "g++ 12.3.0", Fixtures.FLAGS, Fixtures.RUNNER);

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void shouldChangeKeyWhenRunnerVersionChanges() {
        CacheKey before = CacheKey.of(BASE, Fixtures.TOOLCHAIN, Fixtures.FLAGS, "runner-1");

        CacheKey after = CacheKey.of(BASE, Fixtures.TOOLCHAIN, Fixtures.FLAGS, "runner-2");

        assertThat(after).isNotEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("differentFlags")
    void shouldChangeKeyWhenCompileFlagsChange(List<String> flags) {
        CacheKey before = CacheKey.of(BASE, Fixtures.TOOLCHAIN, List.of("-O2", "-Wall"), "r");

        CacheKey after = CacheKey.of(BASE, Fixtures.TOOLCHAIN, flags, "r");

        assertThat(after).isNotEqualTo(before);
    }

    static Stream<List<String>> differentFlags() {
        return Stream.of(
                List.of("-Wall", "-O2"),
                List.of("-O2 -Wall"),
                List.of("-O2", "-Wall", ""),
                List.of("-O2"),
                List.of("-O2-Wall"),
                List.of());
    }

    @Test
    void shouldIgnoreSubmissionIdentityAndTime() {
        Submission other =
                Submission.newBuilder(BASE)
                        .setId("sub-2")
                        .setProblemId("other-problem")
                        .setSubmittedAt(Instant.ofEpochMilli(1))
                        .setAttributes(Map.of("tenant", "other"))
                        .build();

        CacheKey first = CacheKey.of(BASE, Fixtures.TOOLCHAIN, Fixtures.FLAGS, Fixtures.RUNNER);
        CacheKey second = CacheKey.of(other, Fixtures.TOOLCHAIN, Fixtures.FLAGS, Fixtures.RUNNER);

        assertThat(second).isEqualTo(first);
        assertThat(second.hashCode()).isEqualTo(first.hashCode());
    }

    @Test
    void shouldSeparateSourceFromFirstTest() {
        Submission left = withSourceAndTestName("ab", "c");
        Submission right = withSourceAndTestName("a", "bc");

        CacheKey leftKey = CacheKey.of(left, "t", List.of(), "r");
        CacheKey rightKey = CacheKey.of(right, "t", List.of(), "r");

        assertThat(leftKey).isNotEqualTo(rightKey);
    }

    @Test
    void shouldSeparateAdjacentTestFields() {
        Submission left = withTests(List.of(new TestCase("n", "ab", "c")));
        Submission right = withTests(List.of(new TestCase("na", "b", "c")));

        CacheKey leftKey = CacheKey.of(left, "t", List.of(), "r");
        CacheKey rightKey = CacheKey.of(right, "t", List.of(), "r");

        assertThat(leftKey).isNotEqualTo(rightKey);
    }

    @Test
    void shouldSeparateTestsFromEachOther() {
        Submission oneTest = withTests(List.of(new TestCase("a", "b", "cd")));
        Submission split =
                withTests(List.of(new TestCase("a", "b", "c"), new TestCase("d", "", "")));

        CacheKey oneKey = CacheKey.of(oneTest, "t", List.of(), "r");
        CacheKey splitKey = CacheKey.of(split, "t", List.of(), "r");

        assertThat(oneKey).isNotEqualTo(splitKey);
    }

    @Test
    void shouldSeparateToolchainFromFlags() {
        CacheKey left = CacheKey.of(BASE, "gcc -O2", List.of(), "r");

        CacheKey right = CacheKey.of(BASE, "gcc", List.of("-O2"), "r");

        assertThat(left).isNotEqualTo(right);
    }

    @Test
    void shouldSeparateFlagsFromRunnerVersion() {
        CacheKey left = CacheKey.of(BASE, "t", List.of("x"), "1");

        CacheKey right = CacheKey.of(BASE, "t", List.of(), "x1");

        assertThat(left).isNotEqualTo(right);
    }

    @Test
    void shouldMatchDocumentedEncoding() throws Exception {
        Submission submission = Fixtures.submission("print(1)");

        CacheKey key = CacheKey.of(submission, "python 3.11.2", List.of("-B"), "runner-7");

        assertThat(key.hex()).isEqualTo(referenceDigest(submission, "python 3.11.2", "-B"));
        assertThat(key.language()).isEqualTo("cpp");
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void shouldGiveEqualKeysOnlyToEqualFields(long seed) {
        Random random = new Random(seed);
        Map<CacheKey, List<String>> fieldsByKey = new HashMap<>();

        for (int i = 0; i < 2_000; i++) {
            List<String> fields = randomFields(random);
            Submission submission =
                    Submission.newBuilder(BASE)
                            .setSource(fields.get(0))
                            .setTests(List.of(new TestCase(fields.get(1), fields.get(2), "")))
                            .build();
            CacheKey key = CacheKey.of(submission, fields.get(3), List.of(fields.get(4)), "r");
            List<String> previous = fieldsByKey.putIfAbsent(key, fields);

            assertThat(previous == null || previous.equals(fields))
                    .as("fields %s and %s share a key", previous, fields)
                    .isTrue();
        }
    }

    @Test
    void shouldRejectNullToolchainVersion() {
        assertThatThrownBy(() -> CacheKey.of(BASE, null, List.of(), "r"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("toolchainVersion");
    }

    private static List<String> randomFields(Random random) {
        // Tiny alphabet and lengths, so that many tuples concatenate to the same text.
        List<String> fields = new ArrayList<>();
        for (int field = 0; field < 5; field++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(3);
            for (int i = 0; i < length; i++) {
                text.append((char) ('a' + random.nextInt(2)));
            }
            fields.add(text.toString());
        }
        return fields;
    }

    private static String referenceDigest(Submission s, String toolchain, String flag)
            throws IOException, java.security.NoSuchAlgorithmException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, "codepulse.result-cache.key.v1");
        writeString(out, s.getLanguage());
        writeString(out, toolchain);
        out.writeInt(1);
        writeString(out, flag);
        writeString(out, s.getSource());
        out.writeInt(s.getTests().size());
        for (TestCase test : s.getTests()) {
            writeString(out, test.getName());
            writeString(out, test.getStdin());
            writeString(out, test.getExpectedStdout());
        }
        out.writeLong(s.getLimits().getCpuMs());
        out.writeLong(s.getLimits().getWallMs());
        out.writeLong(s.getLimits().getMemoryBytes());
        out.writeLong(s.getLimits().getOutputBytes());
        writeString(out, s.getCheckerMode().name());
        writeString(out, "runner-7");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        return HexFormat.of().formatHex(digest);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static Submission withSourceAndTestName(String source, String testName) {
        return Submission.newBuilder(BASE)
                .setSource(source)
                .setTests(List.of(new TestCase(testName, "", "")))
                .build();
    }

    private static Submission withTests(List<TestCase> tests) {
        return Submission.newBuilder(BASE).setSource("s").setTests(tests).build();
    }

    private static Arguments change(String field, UnaryOperator<Submission.Builder> change) {
        return Arguments.of(field, change);
    }

    private static TestCase test(int index) {
        return TestCase.newBuilder(BASE.getTests().get(index)).build();
    }

    private static List<TestCase> tests(UnaryOperator<TestCase.Builder> change, int index) {
        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < BASE.getTests().size(); i++) {
            TestCase.Builder builder = TestCase.newBuilder(BASE.getTests().get(i));
            tests.add(i == index ? change.apply(builder).build() : builder.build());
        }
        return tests;
    }

    private static Limits limits(UnaryOperator<Limits.Builder> change) {
        return change.apply(Limits.newBuilder(BASE.getLimits())).build();
    }
}
