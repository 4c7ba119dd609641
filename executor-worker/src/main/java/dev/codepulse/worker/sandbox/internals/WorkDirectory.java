package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.worker.internals.HostCommand;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slot's work directory on the host: a size-capped tmpfs owned by the slot's uid, mounted once
 * when the sandbox starts and emptied after every submission. When the tmpfs cannot be mounted it
 * falls back to a plain directory, whose use is bounded only by RLIMIT_FSIZE per file.
 */
public final class WorkDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkDirectory.class);
    private static final long COMMAND_TIMEOUT_MS = 10_000;

    private final Path dir;
    private final boolean tmpfs;
    private final Path umountPath;

    private WorkDirectory(Path dir, boolean tmpfs, Path umountPath) {
        this.dir = dir;
        this.tmpfs = tmpfs;
        this.umountPath = umountPath;
    }

    /**
     * Prepares {@code dir}, replacing a mount left there by a worker that died.
     *
     * @param mount true to try a tmpfs mount (needs root)
     * @param failure receives why the tmpfs could not be mounted
     */
    public static WorkDirectory prepare(
            Path dir,
            int uid,
            long sizeBytes,
            int inodesMax,
            boolean mount,
            Path mountPath,
            Path umountPath,
            StringBuilder failure)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (mount) {
            if (MountTable.isMountPoint(dir)) {
                HostCommand.run(List.of(umountPath.toString(), dir.toString()), COMMAND_TIMEOUT_MS);
            }
            String options =
                    "size=%d,nr_inodes=%d,mode=0700,uid=%d,gid=%d,nosuid,nodev"
                            .formatted(sizeBytes, inodesMax, uid, uid);
            HostCommand.Result result =
                    HostCommand.run(
                            List.of(
                                    mountPath.toString(),
                                    "-t",
                                    "tmpfs",
                                    "-o",
                                    options,
                                    "codepulse-work",
                                    dir.toString()),
                            COMMAND_TIMEOUT_MS);
            if (result.exitCode() == 0) {
                return new WorkDirectory(dir, true, umountPath);
            }
            failure.append(result.output().trim());
        }
        WorkDirectory plain = new WorkDirectory(dir, false, umountPath);
        plain.wipe();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (mount) {
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", uid);
        }
        return plain;
    }

    public Path path() {
        return dir;
    }

    public boolean tmpfs() {
        return tmpfs;
    }

    /**
     * Creates a file readable by the slot's uid. The file must not exist yet, so a link that a
     * program left behind is never followed.
     */
    public void write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir)) {
            throw new IllegalArgumentException(
                    "file name '" + name + "' is not a plain name inside the work directory");
        }
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Deletes everything inside the directory without following symbolic links. */
    public void wipe() throws IOException {
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path subdir, IOException e)
                            throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        if (!subdir.equals(dir)) {
                            Files.delete(subdir);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** Unmounts the tmpfs and removes the directory. */
    @Override
    public void close() {
        try {
            if (tmpfs) {
                HostCommand.Result result =
                        HostCommand.run(
                                List.of(umountPath.toString(), dir.toString()), COMMAND_TIMEOUT_MS);
                if (result.exitCode() != 0) {
                    log.warn(
                            "Could not unmount a work directory: dir={} output={}",
                            dir,
                            result.output().trim());
                    return;
                }
            } else {
                wipe();
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("Could not remove a work directory: dir={}", dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
