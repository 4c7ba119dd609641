package dev.codepulse.worker.cache;

import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The identity of a result in the cache: a SHA-256 digest over everything that can change how a
 * submission is judged.
 *
 * <p>The digest covers, in this order: a format tag, the language, the toolchain version, the
 * compile flags, the source, every test (name, stdin, expected stdout) in order, the four limits
 * (cpu ms, wall ms, memory bytes, output bytes), the checker mode and the runner version. Each
 * string is written as its UTF-8 length (4 bytes, big-endian) followed by its bytes, each list as
 * its element count followed by its elements, and each number as 8 bytes. This encoding is prefix
 * free, so two different field tuples never produce the same byte stream, and only a SHA-256
 * collision could make them share a key. The submission id, problem id, submission time and
 * attributes are not part of the key.
 *
 * <p>Equality and hash code depend only on the digest.
 */
public final class CacheKey {
    // Changing the encoding must change this tag, so old and new keys never meet.
    private static final String FORMAT = "codepulse.result-cache.key.v1";

    private final byte[] digest;
    private final String language;
    private final int hash;

    private CacheKey(byte[] digest, String language) {
        this.digest = digest;
        this.language = language;
        this.hash = Arrays.hashCode(digest);
    }

    /**
     * Returns the key of a submission run with the given toolchain, compile flags and runner.
     *
     * @param submission the submission; its id, problem id, time and attributes are ignored
     * @param toolchainVersion version of the compiler or interpreter, such as {@code g++ 12.2.0}
     * @param compileFlags flags passed to the compiler, in order; empty for interpreted languages
     * @param runnerVersion version of the worker's run and judge logic, so that a change in how
     *     results are produced invalidates old entries
     * @throws NullPointerException if an argument or a field of the submission is null
     */
    public static CacheKey of(
            Submission submission,
            String toolchainVersion,
            List<String> compileFlags,
            String runnerVersion) {
        Objects.requireNonNull(submission, "submission can't be null");
        Objects.requireNonNull(toolchainVersion, "toolchainVersion can't be null");
        Objects.requireNonNull(compileFlags, "compileFlags can't be null");
        Objects.requireNonNull(runnerVersion, "runnerVersion can't be null");
        Digest digest = new Digest();
        digest.string(FORMAT);
        digest.string(submission.getLanguage());
        digest.string(toolchainVersion);
        digest.count(compileFlags.size());
        compileFlags.forEach(digest::string);
        digest.string(submission.getSource());
        digest.count(submission.getTests().size());
        for (TestCase test : submission.getTests()) {
            digest.string(test.getName());
            digest.string(test.getStdin());
            digest.string(test.getExpectedStdout());
        }
        Limits limits = submission.getLimits();
        digest.number(limits.getCpuMs());
        digest.number(limits.getWallMs());
        digest.number(limits.getMemoryBytes());
        digest.number(limits.getOutputBytes());
        digest.string(submission.getCheckerMode().name());
        digest.string(runnerVersion);
        return new CacheKey(digest.finish(), submission.getLanguage());
    }

    /** Returns the language of the submission, which selects the entry's TTL. */
    public String language() {
        return language;
    }

    /** Returns the digest as 64 lowercase hex digits, as used in Redis keys. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheKey key && Arrays.equals(digest, key.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return language + ":" + hex();
    }

    /** Feeds length-prefixed fields to SHA-256. */
    private static final class Digest {
        private final MessageDigest sha256;
        private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide SHA-256.
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        void string(String value) {
            Objects.requireNonNull(value, "a key field can't be null");
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            count(bytes.length);
            sha256.update(bytes);
        }

        void count(int count) {
            scratch.clear();
            sha256.update(scratch.putInt(count).array(), 0, Integer.BYTES);
        }

        void number(long value) {
            scratch.clear();
            sha256.update(scratch.putLong(value).array(), 0, Long.BYTES);
        }

        byte[] finish() {
            return sha256.digest();
        }
    }
}
