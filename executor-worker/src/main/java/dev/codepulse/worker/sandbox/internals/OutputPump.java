package dev.codepulse.worker.sandbox.internals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one output stream of a run to its end, keeps its first bytes, and calls {@code onLimit}
 * when the output shared by all streams of the run passes its limit. Everything beyond the retained
 * prefix is read and dropped, so a program that prints without end neither blocks nor fills memory
 * or disk while it is being killed.
 */
final class OutputPump implements Runnable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final long retainBytes;
    private final AtomicLong sharedBytes;
    private final long limitBytes;
    private final Runnable onLimit;
    private final ByteArrayOutputStream retained = new ByteArrayOutputStream();
    private volatile long totalBytes;
    private volatile IOException failure;

    OutputPump(
            InputStream in,
            long retainBytes,
            AtomicLong sharedBytes,
            long limitBytes,
            Runnable onLimit) {
        this.in = in;
        this.retainBytes = retainBytes;
        this.sharedBytes = sharedBytes;
        this.limitBytes = limitBytes;
        this.onLimit = onLimit;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER_BYTES];
        boolean reported = false;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                keep(buffer, n);
                totalBytes += n;
                if (sharedBytes.addAndGet(n) > limitBytes && !reported) {
                    reported = true;
                    onLimit.run();
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private void keep(byte[] buffer, int n) {
        long room = retainBytes - retained.size();
        if (room > 0) {
            retained.write(buffer, 0, (int) Math.min(room, n));
        }
    }

    byte[] retained() {
        return retained.toByteArray();
    }

    long totalBytes() {
        return totalBytes;
    }

    IOException failure() {
        return failure;
    }
}
