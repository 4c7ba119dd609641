package dev.codepulse.worker;

/**
 * Receives the start and end of each phase of a submission, so a profiler can time them by name.
 * {@link SubmissionExecutor} calls it on the executing thread: {@link #start} when a phase begins
 * and {@link Phase#close()} when it ends, so thread CPU time and allocation can be read around it.
 * Phases: {@link #COMPILE} once for compiled languages, then {@link #RUN} and {@link #JUDGE} once
 * per test that runs.
 */
@FunctionalInterface
public interface PhaseTimer {
    String COMPILE = "compile";
    String RUN = "run";
    String JUDGE = "judge";

    /** A timer that records nothing. */
    PhaseTimer NONE = phase -> Phase.NONE;

    /** Called when {@code phase} begins; the returned handle is closed when it ends. */
    Phase start(String phase);

    /** One phase in progress. */
    interface Phase extends AutoCloseable {
        /** A phase handle that records nothing. */
        Phase NONE = () -> {};

        /** Marks the phase as failed because the platform failed, before it is closed. */
        default void failed() {}

        /** Ends the phase. */
        @Override
        void close();
    }
}
