package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.worker.sandbox.SandboxException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The stdin writer and output pumps of one run, each on a thread of the sandbox's I/O pool. */
final class IoTasks {
    private final List<Future<?>> tasks;

    private IoTasks(List<Future<?>> tasks) {
        this.tasks = tasks;
    }

    /** Starts writing {@code input} to the process and pumping its output; stderr may be null. */
    static IoTasks start(
            ExecutorService io,
            Process process,
            byte[] input,
            OutputPump stdout,
            OutputPump stderr) {
        List<Future<?>> tasks = new ArrayList<>(3);
        if (input.length == 0) {
            closeStdin(process);
        } else {
            tasks.add(io.submit(() -> writeStdin(process, input)));
        }
        tasks.add(io.submit(stdout));
        if (stderr != null) {
            tasks.add(io.submit(stderr));
        }
        return new IoTasks(tasks);
    }

    private static void writeStdin(Process process, byte[] input) {
        try (OutputStream out = process.getOutputStream()) {
            out.write(input);
        } catch (IOException e) {
            // The program ended or closed stdin before reading all of it, which is its right.
        }
    }

    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing was written, so there is nothing to lose.
        }
    }

    /**
     * Waits for every task after the process has exited.
     *
     * @throws SandboxException if a pipe stays open past {@code timeoutMs}, which only a process
     *     outside the sandbox's pid namespace can cause, or a task failed
     */
    void await(long timeoutMs, RunningProcess running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Future<?> task : tasks) {
            try {
                task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.kill();
                tasks.forEach(t -> t.cancel(true));
                throw new SandboxException(
                        "the output of a run did not end within " + timeoutMs + " ms of its exit");
            } catch (ExecutionException e) {
                throw new SandboxException("reading the output of a run failed", e.getCause());
            }
        }
    }
}
