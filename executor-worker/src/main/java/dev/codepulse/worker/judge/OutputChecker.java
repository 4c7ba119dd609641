package dev.codepulse.worker.judge;

import dev.codepulse.schemas.CheckerMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Compares a program's output with the expected output, the same way for every language.
 *
 * <ul>
 *   <li>{@link CheckerMode#EXACT}: the output bytes equal the UTF-8 bytes of the expected text.
 *   <li>{@link CheckerMode#NORMALIZED}: both are split into lines at LF; trailing whitespace
 *       (space, tab, CR, vertical tab, form feed) of every line is ignored, which also makes CRLF
 *       equal to LF; blank lines at the end are ignored. Everything else counts: leading
 *       whitespace, whitespace between tokens, blank lines before the last non-blank one, and
 *       letter case.
 * </ul>
 */
public final class OutputChecker {
    private OutputChecker() {}

    /** Returns true when {@code actual} matches {@code expected} under {@code mode}. */
    public static boolean matches(byte[] actual, String expected, CheckerMode mode) {
        Objects.requireNonNull(actual, "actual can't be null");
        Objects.requireNonNull(expected, "expected can't be null");
        byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
        return mode == CheckerMode.EXACT
                ? Arrays.equals(actual, expectedBytes)
                : normalizedEqual(actual, expectedBytes);
    }

    private static boolean normalizedEqual(byte[] a, byte[] b) {
        Lines left = new Lines(a);
        Lines right = new Lines(b);
        while (left.next() & right.next()) {
            if (!Arrays.equals(a, left.start, left.end, b, right.start, right.end)) {
                return false;
            }
        }
        // One side ran out: the other may only have blank lines left.
        return left.restIsBlank() && right.restIsBlank();
    }

    private static boolean isTrailingSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** Walks the lines of a byte array, each with its trailing whitespace cut off. */
    private static final class Lines {
        private final byte[] bytes;
        private int position;
        private boolean exhausted;
        int start;
        int end;

        Lines(byte[] bytes) {
            this.bytes = bytes;
        }

        // Moves to the next line; false once past the last one. A final line without LF counts,
        // an empty remainder after the last LF does not.
        boolean next() {
            if (position >= bytes.length) {
                exhausted = true;
                return false;
            }
            start = position;
            int newline = start;
            while (newline < bytes.length && bytes[newline] != '\n') {
                newline++;
            }
            position = newline + 1;
            end = newline;
            while (end > start && isTrailingSpace(bytes[end - 1])) {
                end--;
            }
            return true;
        }

        // True when the current line (if not yet compared) and every line after it are blank.
        boolean restIsBlank() {
            if (!exhausted && end > start) {
                return false;
            }
            while (next()) {
                if (end > start) {
                    return false;
                }
            }
            return true;
        }
    }
}
