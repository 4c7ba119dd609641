package dev.codepulse.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The codepulse command: runs the services, posts submissions and reads what they publish. */
@Command(
        name = "codepulse",
        description =
                "Execution and observability pipeline for code-execution services, on Apache Kafka.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {
            WorkerCommand.class,
            StreamsCommand.class,
            OptimizerCommand.class,
            SubmitCommand.class,
            WatchCommand.class,
            StatsCommand.class,
            DemoCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Codepulse implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // The demo's live view owns the terminal, so its logs stay at WARN unless asked otherwise.
        if (args.length > 0
                && args[0].equals("demo")
                && System.getenv("CODEPULSE_LOG_LEVEL") == null) {
            System.setProperty("codepulse.log.level", "WARN");
            System.setProperty("codepulse.third.party.level", "ERROR");
        }
        CommandLine commandLine = newCommandLine();
        int status = commandLine.execute(args);
        // System.exit skips buffered output that no println flushed.
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(status);
    }

    /** Returns the configured command line, for tests and embedding. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new Codepulse())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Codepulse::reportFailure);
    }

    // A failed command prints one line with the message of each cause and exits with 2. The stack
    // trace follows only with CODEPULSE_LOG_LEVEL=DEBUG, for bug reports.
    private static int reportFailure(
            Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("Error: " + describe(failure));
        if ("DEBUG".equalsIgnoreCase(System.getenv("CODEPULSE_LOG_LEVEL"))) {
            failure.printStackTrace(err);
        }
        err.flush();
        return 2;
    }

    // Joins the messages of a failure and its causes, skipping any already contained in the text.
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            String part =
                    message == null || message.isBlank()
                            ? cause.getClass().getSimpleName()
                            : message;
            if (cause instanceof java.nio.file.NoSuchFileException) {
                part = "file not found: " + message;
            }
            if (text.indexOf(part) < 0) {
                text.append(text.length() == 0 ? "" : "; caused by: ").append(part);
            }
        }
        return text.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
