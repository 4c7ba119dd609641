package dev.codepulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.codepulse.common.AvroJson;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.TestResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints an execution report as a short table or as JSON. */
final class ReportPrinter {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportPrinter() {}

    static void print(PrintWriter out, ExecutionReport report, boolean json) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(AvroJson.toMap(report)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        out.printf(
                "Submission %s (%s, problem %s) judged by %s, isolation %s, toolchain %s%n",
                report.getSubmissionId(),
                report.getLanguage(),
                report.getProblemId(),
                report.getWorkerId(),
                report.getIsolationLevel(),
                report.getToolchain().isEmpty() ? "none" : report.getToolchain());
        out.printf(
                "Verdict: %s%s%s%n",
                report.getVerdict(),
                report.getLimitExceeded() == null ? "" : " (" + report.getLimitExceeded() + ")",
                report.getReason() == null ? "" : ": " + report.getReason());
        out.printf(
                "Queue %d ms, processing %.1f ms, cache %s%s, lookup %d us%n",
                report.getQueueMs(),
                report.getProcessingMicros() / 1000.0,
                report.getCache().getHit() ? "hit in " + report.getCache().getTier() : "miss",
                report.getCache().getStored() ? " (stored)" : "",
                report.getCache().getLookupMicros());
        CompileResult compile = report.getCompile();
        if (compile != null) {
            out.printf(
                    "Compile: %s in %d ms%n",
                    compile.getSucceeded() ? "ok" : "failed", compile.getWallMs());
            if (!compile.getSucceeded() && !compile.getOutput().isBlank()) {
                out.println(
                        indent(compile.getOutput())
                                + (compile.getOutputTruncated() ? "\n    (truncated)" : ""));
            }
        }
        if (!report.getTests().isEmpty()) {
            out.printf(
                    "%-16s %-24s %8s %8s %9s %6s%n",
                    "test", "verdict", "cpu ms", "wall ms", "peak MiB", "exit");
            for (TestResult test : report.getTests()) {
                out.printf(
                        "%-16s %-24s %8d %8d %9.1f %6s%n",
                        test.getName(),
                        test.getVerdict(),
                        test.getCpuMs(),
                        test.getWallMs(),
                        test.getPeakMemoryBytes() / (1024.0 * 1024.0),
                        test.getSignal() != null
                                ? "sig " + test.getSignal()
                                : String.valueOf(test.getExitCode()));
            }
        }
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }
}
