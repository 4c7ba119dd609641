package dev.codepulse.streams.internals;

import dev.codepulse.streams.InvalidEventException;

/** Range checks shared by the event readers; each failure names the field, value and range. */
final class EventChecks {
    private EventChecks() {}

    /** Checks {@code 0 <= value <= max}. */
    static void checkRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new InvalidEventException(
                    "Invalid " + field + "=" + value + "; expected 0 to " + max);
        }
    }

    /** Checks {@code value >= 0}. */
    static void checkNotNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(
                    "Invalid " + field + "=" + value + "; expected 0 or more");
        }
    }

    /** Checks that a key is not empty. */
    static void checkNotEmpty(String field, CharSequence value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException("Invalid " + field + ": empty; expected a name");
        }
    }
}
