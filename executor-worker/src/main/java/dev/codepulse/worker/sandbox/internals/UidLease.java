package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive use of one sandbox uid on this host, held as a lock on {@code <lockDir>/uid-<uid>.lock}
 * for as long as the lease is open. RLIMIT_NPROC counts the processes of a uid machine-wide, so two
 * slots (of this or another worker) sharing a uid would eat into each other's process limit.
 */
public final class UidLease implements AutoCloseable {
    private final int uid;
    private final FileChannel channel;
    private final FileLock lock;

    private UidLease(int uid, FileChannel channel, FileLock lock) {
        this.uid = uid;
        this.channel = channel;
        this.lock = lock;
    }

    public int uid() {
        return uid;
    }

    /**
     * Leases the first {@code count} uids from {@code [first, first + rangeSize)} that no other
     * process has leased.
     *
     * @throws IOException if fewer than {@code count} uids are free or a lock file cannot be opened
     */
    public static List<UidLease> acquire(Path lockDir, int first, int rangeSize, int count)
            throws IOException {
        List<UidLease> leases = new ArrayList<>();
        for (int uid = first; uid < first + rangeSize && leases.size() < count; uid++) {
            UidLease lease = tryLease(lockDir, uid);
            if (lease != null) {
                leases.add(lease);
            }
        }
        if (leases.size() < count) {
            leases.forEach(UidLease::close);
            throw new IOException(
                    "only "
                            + leases.size()
                            + " of the "
                            + count
                            + " uids needed are free in "
                            + first
                            + ".."
                            + (first + rangeSize - 1)
                            + "; other workers on this host hold the rest, so raise"
                            + " sandbox.uid.count or lower executor.slots");
        }
        return leases;
    }

    private static UidLease tryLease(Path lockDir, int uid) throws IOException {
        FileChannel channel =
                FileChannel.open(
                        lockDir.resolve("uid-" + uid + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new UidLease(uid, channel, lock);
            }
        } catch (OverlappingFileLockException heldByThisProcess) {
            // Another sandbox in this JVM has leased the uid.
        }
        channel.close();
        return null;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }
}
