package dev.codepulse.bench;

import java.util.List;

/** Paired bare and sandboxed timings of one command, and the report table built from them. */
record Timings(String name, long[] bareNanos, long[] sandboxNanos) {

    double bareMedianMs() {
        return percentileMs(bareNanos, 50);
    }

    double sandboxMedianMs() {
        return percentileMs(sandboxNanos, 50);
    }

    /** Returns the median of the per-pair differences, which is robust to load that drifts. */
    double pairedOverheadMs() {
        long[] differences = new long[bareNanos.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = sandboxNanos[i] - bareNanos[i];
        }
        return percentileMs(differences, 50);
    }

    /** Returns the nearest-rank percentile, in milliseconds. */
    static double percentileMs(long[] nanos, int percentile) {
        return BenchSupport.percentile(nanos, percentile) / 1e6;
    }

    static String report(
            List<Timings> rows, int runs, String isolation, String loadBefore, String loadAfter) {
        StringBuilder text = new StringBuilder();
        text.append("# Sandbox overhead\n\n");
        text.append("Machine: ").append(Machine.describe()).append("\n\n");
        text.append("Sandbox: ").append(isolation).append("\n\n");
        text.append("Load average before: ").append(loadBefore);
        text.append("; after: ").append(loadAfter).append("\n\n");
        text.append("Runs per row: ").append(runs).append(" (compile rows: fewer),");
        text.append(" bare and sandboxed interleaved, after 2 warm-up rounds. Times in ms,");
        text.append(
                " wall clock as the caller sees it. On a busy machine the p10 difference is the");
        text.append(" closest to the sandbox's own cost.\n\n");
        text.append("| command | bare median | bare p90 | sandboxed median | sandboxed p90 |");
        text.append(
                " overhead (median diff) | overhead (pairwise median) | overhead (p10 diff) |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Timings row : rows) {
            text.append(
                    String.format(
                            "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                            row.name(),
                            row.bareMedianMs(),
                            percentileMs(row.bareNanos(), 90),
                            row.sandboxMedianMs(),
                            percentileMs(row.sandboxNanos(), 90),
                            row.sandboxMedianMs() - row.bareMedianMs(),
                            row.pairedOverheadMs(),
                            percentileMs(row.sandboxNanos(), 10)
                                    - percentileMs(row.bareNanos(), 10)));
        }
        return text.toString();
    }
}
