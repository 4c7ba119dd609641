package dev.codepulse.worker.judge;

import java.nio.charset.StandardCharsets;

/** Cuts program output to the size reports allow. */
public final class Excerpts {
    private Excerpts() {}

    /**
     * Decodes at most {@code maxBytes} bytes of {@code bytes} as UTF-8, cutting before a character
     * that would be split; bytes that are not UTF-8 become U+FFFD.
     */
    public static String utf8Prefix(byte[] bytes, int maxBytes) {
        int length = Math.min(bytes.length, Math.max(0, maxBytes));
        if (length < bytes.length) {
            // Step back over continuation bytes (10xxxxxx) to the start of the split character.
            int start = length;
            while (start > 0 && start > length - 4 && (bytes[start] & 0xC0) == 0x80) {
                start--;
            }
            if ((bytes[start] & 0xC0) != 0x80) {
                length = start;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Returns the number of bytes {@code text} takes in UTF-8, without encoding it. */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
