package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The output comparison rule, applied to real program output. */
class OutputRulesIT {
    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor = TestExecutors.start();
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    private static Submission printing(String text, String expected, CheckerMode mode) {
        return submission(
                "python",
                "import sys\nsys.stdout.write(" + pythonLiteral(text) + ")\n",
                List.of(test("only", "", expected)),
                TestSubmissions.defaultLimits(),
                mode);
    }

    private static String pythonLiteral(String text) {
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    @Test
    void shouldAcceptCrlfTrailingSpaceAndBlankLines() {
        ExecutionOutcome outcome =
                executor.execute(printing("1 2 \r\n\r\n", "1 2", CheckerMode.NORMALIZED));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void shouldRejectMissingSpaceBetweenTokens() {
        ExecutionOutcome outcome =
                executor.execute(printing("12\n", "1 2", CheckerMode.NORMALIZED));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void shouldRejectTrailingSpaceInExactMode() {
        ExecutionOutcome outcome =
                executor.execute(printing("1 2 \r\n\r\n", "1 2", CheckerMode.EXACT));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void shouldAcceptIdenticalBytesInExactMode() {
        ExecutionOutcome outcome = executor.execute(printing("1 2\n", "1 2\n", CheckerMode.EXACT));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
    }
}
