package dev.codepulse.worker.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Tracks the records of one partition between dispatch and commit, so that offsets are committed
 * only for a prefix of records whose results are all ready.
 *
 * <p>Records of a partition complete in any order, because slots run them in parallel. The
 * committable prefix is the run of completed records at the head of dispatch order; its last offset
 * plus one is the offset to commit. Offsets are not assumed contiguous, since transaction markers
 * and compaction leave gaps. Not thread-safe: owned by the pipeline's loop thread.
 *
 * @param <R> result type
 */
final class PartitionProgress<R> {
    private final Deque<Entry<R>> dispatched = new ArrayDeque<>();

    /**
     * The completed prefix removed by {@link #drain()}: results in order and the offset to commit.
     */
    record Drained<R>(List<R> results, long nextOffset) {}

    private static final class Entry<R> {
        private final long offset;
        private R result;
        private boolean done;

        private Entry(long offset) {
            this.offset = offset;
        }
    }

    /** Records that {@code offset} was dispatched; offsets must arrive in increasing order. */
    void dispatched(long offset) {
        Entry<R> last = dispatched.peekLast();
        if (last != null && offset <= last.offset) {
            throw new IllegalStateException(
                    "Offset "
                            + offset
                            + " dispatched after "
                            + last.offset
                            + "; offsets must increase");
        }
        dispatched.addLast(new Entry<>(offset));
    }

    /**
     * Stores the result of a dispatched offset.
     *
     * @return false when the offset is not tracked, for example after a rebalance dropped it
     */
    boolean complete(long offset, R result) {
        for (Entry<R> entry : dispatched) {
            if (entry.offset == offset) {
                entry.result = result;
                entry.done = true;
                return true;
            }
        }
        return false;
    }

    /** Removes the completed prefix; null when the oldest dispatched record is still running. */
    Drained<R> drain() {
        List<R> results = new ArrayList<>();
        long last = -1;
        while (!dispatched.isEmpty() && dispatched.peekFirst().done) {
            Entry<R> entry = dispatched.pollFirst();
            results.add(entry.result);
            last = entry.offset;
        }
        return results.isEmpty() ? null : new Drained<>(results, last + 1);
    }

    /** Returns the number of dispatched records not yet drained. */
    int pending() {
        return dispatched.size();
    }
}
