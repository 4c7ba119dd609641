package dev.codepulse.bench;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Correct solutions of "print the sum of two integers" in each language, with three tests, as the
 * platform would post them. A variant number goes into a trailing source comment, so each variant
 * has its own cache key while compiling and running the same way.
 */
final class SumSubmissions {
    static final List<String> LANGUAGES = List.of("python", "c", "cpp", "java", "javascript");

    private static final long MIB = 1024 * 1024;
    private static final Map<String, String> SOURCES =
            Map.of(
                    "python",
                    "a, b = map(int, input().split())\nprint(a + b)\n",
                    "c",
                    "#include <stdio.h>\n"
                            + "int main(void) { long a, b; scanf(\"%ld %ld\", &a, &b);"
                            + " printf(\"%ld\\n\", a + b); return 0; }\n",
                    "cpp",
                    "#include <iostream>\n"
                            + "int main() { long a, b; std::cin >> a >> b;"
                            + " std::cout << a + b << '\\n'; }\n",
                    "java",
                    "import java.util.Scanner;\n"
                            + "public class Main { public static void main(String[] args) {"
                            + " Scanner in = new Scanner(System.in);"
                            + " System.out.println(in.nextLong() + in.nextLong()); } }\n",
                    "javascript",
                    "const [a, b] = require('fs').readFileSync(0, 'utf8').trim()"
                            + ".split(/\\s+/).map(Number);\nconsole.log(a + b);\n");
    private static final List<TestCase> TESTS =
            List.of(
                    new TestCase("small", "3 4\n", "7\n"),
                    new TestCase("negative", "-10 25\n", "15\n"),
                    new TestCase("large", "4000000000 4000000000\n", "8000000000\n"));
    // 2 s CPU, 5 s wall, 256 MiB memory and 1 MiB output per test.
    private static final Limits LIMITS = new Limits(2_000, 5_000, 256 * MIB, MIB);

    private SumSubmissions() {}

    /**
     * Returns a submission of the language's solution with a new id and the current time.
     * Submissions with equal {@code tag} and {@code variant} share a cache key.
     *
     * @param tag text of the source comment that keeps the keys of separate rounds apart
     * @throws IllegalArgumentException if the language is not one of {@link #LANGUAGES}
     */
    static Submission of(String language, String tag, long variant) {
        String source = SOURCES.get(language);
        if (source == null) {
            throw new IllegalArgumentException(
                    "Unknown language " + language + "; expected one of " + LANGUAGES);
        }
        String comment = language.equals("python") ? "# " : "// ";
        return Submission.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setProblemId("sum")
                .setLanguage(language)
                .setSource(source + comment + tag + " variant " + variant + "\n")
                .setTests(TESTS)
                .setLimits(LIMITS)
                .setCheckerMode(CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.now())
                .build();
    }
}
