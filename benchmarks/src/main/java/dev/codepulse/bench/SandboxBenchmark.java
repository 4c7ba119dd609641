package dev.codepulse.bench;

import dev.codepulse.schemas.Limits;
import dev.codepulse.worker.ExecutionConfig;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.language.Languages;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunRequest;
import dev.codepulse.worker.sandbox.RunResult;
import dev.codepulse.worker.sandbox.Sandbox;
import dev.codepulse.worker.sandbox.SandboxSlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the sandbox's own cost per run. For each language, the same hello-world program runs
 * bare (a plain child process of this JVM, as root, its output read to the end) and through the
 * sandbox (uid switch, rlimits, cgroups, namespaces, supervision and cleanup). The two alternate
 * run by run, so that load from elsewhere hits both alike. Compiled languages also time their
 * compile step both ways. The table goes to stdout and, with the machine and its load, to {@code
 * <out>/sandbox-overhead-<time>.md}.
 *
 * <p>Run as root from the repository root, with bubblewrap installed:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     dev.codepulse.bench.SandboxBenchmark [--runs 50] [--out benchmarks/results]
 * </pre>
 */
public final class SandboxBenchmark {
    private static final long MIB = 1024 * 1024;
    private static final Map<String, String> HELLO =
            Map.of(
                    "python",
                    "print('hello')\n",
                    "c",
                    "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
                    "cpp",
                    "#include <cstdio>\nint main() { std::puts(\"hello\"); }\n",
                    "java",
                    "public class Main { public static void main(String[] args) {"
                            + " System.out.println(\"hello\"); } }\n",
                    "javascript",
                    "console.log('hello');\n");

    private final int runs;
    private final ExecutionConfig config;
    private final RunLimits runLimits;

    private SandboxBenchmark(int runs, ExecutionConfig config) {
        this.runs = runs;
        this.config = config;
        this.runLimits =
                config.runLimits(
                        Limits.newBuilder()
                                .setCpuMs(10_000)
                                .setWallMs(20_000)
                                .setMemoryBytes(256 * MIB)
                                .setOutputBytes(MIB)
                                .build());
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(BenchSupport.option(args, "--runs").orElse("50"));
        Path out = Path.of(BenchSupport.option(args, "--out").orElse("benchmarks/results"));
        ExecutionConfig config =
                new ExecutionConfig(Map.of(ExecutionConfig.EXECUTOR_SLOTS_CONFIG, 1));
        Languages languages = Languages.load(config.languages(), config::languageConfigs);
        String loadBefore = Machine.loadAverage();
        List<Timings> rows = new ArrayList<>();
        String isolation;
        try (Sandbox sandbox = Sandbox.start(config.sandboxSettings(languages.sandboxPaths()))) {
            isolation = sandbox.capabilities().describe();
            SandboxBenchmark benchmark = new SandboxBenchmark(runs, config);
            rows.add(benchmark.measureTrue(sandbox));
            for (String id : languages.ids()) {
                Language language = languages.find(id).orElseThrow();
                if (HELLO.containsKey(id)) {
                    rows.addAll(benchmark.measure(sandbox, language));
                }
            }
        }
        String report = Timings.report(rows, runs, isolation, loadBefore, Machine.loadAverage());
        System.out.print(report);
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = out.resolve("sandbox-overhead-" + stamp + ".md");
        Files.writeString(file, report);
        System.out.println("Wrote " + file);
    }

    // /usr/bin/true shows the cost of the sandbox alone.
    private Timings measureTrue(Sandbox sandbox) throws Exception {
        try (SandboxSlot slot = sandbox.acquire()) {
            List<String> command = List.of("/usr/bin/true");
            return interleave(
                    "true (run)",
                    () -> BareProcess.run(command, Map.of(), Path.of("/")),
                    () -> sandboxed(slot, command, Map.of(), false, runLimits),
                    runs);
        }
    }

    private List<Timings> measure(Sandbox sandbox, Language language) throws Exception {
        Path bareDir = BareProcess.scratchDirectory();
        try (SandboxSlot slot = sandbox.acquire()) {
            byte[] source = HELLO.get(language.id()).getBytes(StandardCharsets.UTF_8);
            Files.write(bareDir.resolve(language.sourceFileName()), source);
            slot.writeFile(language.sourceFileName(), source);
            List<Timings> rows = new ArrayList<>();
            Optional<List<String>> bareCompile = language.compileCommand(bareDir.toString());
            if (bareCompile.isPresent()) {
                List<String> sandboxCompile = language.compileCommand(slot.workDir()).orElseThrow();
                rows.add(
                        interleave(
                                language.id() + " (compile)",
                                () ->
                                        BareProcess.run(
                                                bareCompile.get(), language.environment(), bareDir),
                                () ->
                                        sandboxed(
                                                slot,
                                                sandboxCompile,
                                                language.environment(),
                                                true,
                                                config.compileLimits()),
                                Math.max(3, runs / 10)));
            }
            List<String> bareRun = language.runCommand(bareDir.toString(), runLimits.memoryBytes());
            List<String> sandboxRun = language.runCommand(slot.workDir(), runLimits.memoryBytes());
            rows.add(
                    interleave(
                            language.id() + " (run)",
                            () -> BareProcess.run(bareRun, language.environment(), bareDir),
                            () ->
                                    sandboxed(
                                            slot,
                                            sandboxRun,
                                            language.environment(),
                                            false,
                                            runLimits),
                            runs));
            return rows;
        } finally {
            BareProcess.delete(bareDir);
        }
    }

    private static long sandboxed(
            SandboxSlot slot,
            List<String> command,
            Map<String, String> environment,
            boolean compile,
            RunLimits limits)
            throws InterruptedException {
        RunRequest request =
                RunRequest.builder(command, limits)
                        .environment(environment)
                        .writableWorkDir(compile)
                        .mergeStderr(compile)
                        .retain(MIB, 4096)
                        .build();
        long start = System.nanoTime();
        RunResult result = slot.run(request);
        long elapsed = System.nanoTime() - start;
        if (!result.succeeded()) {
            throw new IllegalStateException(
                    command
                            + " failed in the sandbox: "
                            + result
                            + " stderr: "
                            + new String(result.stderr(), StandardCharsets.UTF_8)
                            + new String(result.stdout(), StandardCharsets.UTF_8));
        }
        return elapsed;
    }

    /** Runs a bare and a sandboxed measurement alternately, after two warm-up rounds. */
    private static Timings interleave(
            String name, Measurement bare, Measurement sandboxed, int count) throws Exception {
        for (int i = 0; i < 2; i++) {
            bare.nanos();
            sandboxed.nanos();
        }
        long[] bareNanos = new long[count];
        long[] sandboxNanos = new long[count];
        for (int i = 0; i < count; i++) {
            bareNanos[i] = bare.nanos();
            sandboxNanos[i] = sandboxed.nanos();
        }
        System.out.println("Measured " + name + " over " + count + " runs");
        return new Timings(name, bareNanos, sandboxNanos);
    }

    /** One timed run, in nanoseconds. */
    @FunctionalInterface
    interface Measurement {
        long nanos() throws IOException, InterruptedException;
    }
}
