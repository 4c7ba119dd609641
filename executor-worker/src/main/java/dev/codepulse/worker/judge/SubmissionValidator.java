package dev.codepulse.worker.judge;

import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a submission before anything runs. A violation becomes a REJECTED report whose reason is
 * one sentence naming the value and the valid range.
 */
public final class SubmissionValidator {
    private final ValidationRules rules;
    private final Set<String> languages;

    public SubmissionValidator(ValidationRules rules, Set<String> languages) {
        this.rules = Objects.requireNonNull(rules, "rules can't be null");
        this.languages = Set.copyOf(languages);
    }

    /** Returns why {@code submission} must be rejected, or empty when it may run. */
    public Optional<String> validate(Submission submission) {
        if (submission == null) {
            return Optional.of("the submission is missing.");
        }
        String reason = checkLanguage(submission.getLanguage());
        if (reason == null) {
            reason = checkSource(submission.getSource());
        }
        if (reason == null) {
            reason = checkLimits(submission.getLimits());
        }
        if (reason == null) {
            reason = checkTests(submission.getTests(), submission.getLimits().getOutputBytes());
        }
        return Optional.ofNullable(reason);
    }

    private String checkLanguage(String language) {
        if (language == null) {
            return "the language is missing; supported languages are "
                    + languages.stream().sorted().toList()
                    + ".";
        }
        if (!languages.contains(language)) {
            return "language '"
                    + language
                    + "' is not supported; supported languages are "
                    + languages.stream().sorted().toList()
                    + ".";
        }
        return null;
    }

    private String checkSource(String source) {
        if (source == null || source.isBlank()) {
            return "the source is empty; it must have 1 to " + rules.sourceMaxBytes() + " bytes.";
        }
        long bytes = Excerpts.utf8Length(source);
        if (bytes > rules.sourceMaxBytes()) {
            return "the source has "
                    + bytes
                    + " bytes; it must have 1 to "
                    + rules.sourceMaxBytes()
                    + " bytes.";
        }
        return null;
    }

    private String checkLimits(Limits limits) {
        if (limits == null) {
            return "the limits are missing; a submission needs CPU, wall-clock, memory and output"
                    + " limits.";
        }
        String reason =
                checkRange(
                        "limits.cpuMs",
                        limits.getCpuMs(),
                        rules.cpuMsMin(),
                        rules.cpuMsMax(),
                        "ms");
        if (reason == null) {
            reason =
                    checkRange(
                            "limits.wallMs",
                            limits.getWallMs(),
                            rules.wallMsMin(),
                            rules.wallMsMax(),
                            "ms");
        }
        if (reason == null) {
            reason =
                    checkRange(
                            "limits.memoryBytes",
                            limits.getMemoryBytes(),
                            rules.memoryBytesMin(),
                            rules.memoryBytesMax(),
                            "bytes");
        }
        if (reason == null) {
            reason =
                    checkRange(
                            "limits.outputBytes",
                            limits.getOutputBytes(),
                            rules.outputBytesMin(),
                            rules.outputBytesMax(),
                            "bytes");
        }
        return reason;
    }

    private static String checkRange(String name, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            return name
                    + " is "
                    + value
                    + " "
                    + unit
                    + "; it must be between "
                    + min
                    + " and "
                    + max
                    + " "
                    + unit
                    + ".";
        }
        return null;
    }

    private String checkTests(List<TestCase> tests, long outputBytes) {
        if (tests == null || tests.isEmpty()) {
            return "the submission has no tests; it must have 1 to " + rules.testsMax() + " tests.";
        }
        if (tests.size() > rules.testsMax()) {
            return "the submission has "
                    + tests.size()
                    + " tests; it must have 1 to "
                    + rules.testsMax()
                    + " tests.";
        }
        Set<String> names = new HashSet<>();
        for (TestCase test : tests) {
            String reason = checkTest(test);
            if (reason != null) {
                return reason;
            }
            long expectedBytes = Excerpts.utf8Length(test.getExpectedStdout());
            if (expectedBytes > outputBytes) {
                return "the expected output of test '"
                        + test.getName()
                        + "' has "
                        + expectedBytes
                        + " bytes, more than limits.outputBytes ("
                        + outputBytes
                        + " bytes), so no program could pass it.";
            }
            if (!names.add(test.getName())) {
                return "test name '"
                        + test.getName()
                        + "' appears more than once; test names must be unique.";
            }
        }
        return null;
    }

    private String checkTest(TestCase test) {
        if (test == null || test.getName() == null || test.getName().isBlank()) {
            return "a test has no name; every test needs a unique, non-blank name.";
        }
        if (test.getStdin() == null || test.getExpectedStdout() == null) {
            return "test '" + test.getName() + "' lacks its stdin or expected output.";
        }
        String reason = checkTestSize(test.getName(), "stdin", test.getStdin());
        return reason != null
                ? reason
                : checkTestSize(test.getName(), "expected output", test.getExpectedStdout());
    }

    private String checkTestSize(String name, String part, String text) {
        long bytes = Excerpts.utf8Length(text);
        if (bytes > rules.testMaxBytes()) {
            return "the "
                    + part
                    + " of test '"
                    + name
                    + "' has "
                    + bytes
                    + " bytes; it must have at most "
                    + rules.testMaxBytes()
                    + " bytes.";
        }
        return null;
    }
}
