package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Helpers for the binary formats of the internal topics and stores. */
final class Binary {
    private Binary() {}

    /** Returns the bytes {@link #putString(ByteBuffer, byte[])} writes for an encoded string. */
    static int stringSize(byte[] utf8) {
        return Integer.BYTES + utf8.length;
    }

    /** Writes a length-prefixed UTF-8 string. */
    static void putString(ByteBuffer buffer, byte[] utf8) {
        buffer.putInt(utf8.length).put(utf8);
    }

    /**
     * Reads a length-prefixed UTF-8 string.
     *
     * @throws IllegalArgumentException if the length is negative or past the end
     */
    static String getString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException(
                    "Invalid string length " + length + " with " + buffer.remaining() + " left");
        }
        String value =
                new String(
                        buffer.array(),
                        buffer.arrayOffset() + buffer.position(),
                        length,
                        StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    /** Encodes a string as UTF-8. */
    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the format version byte at the start of a value.
     *
     * @throws IllegalArgumentException if it is not {@code expected}
     */
    static void checkVersion(ByteBuffer buffer, byte expected, String what) {
        byte version = buffer.get();
        if (version != expected) {
            throw new IllegalArgumentException(
                    "Unsupported "
                            + what
                            + " format version "
                            + version
                            + "; this release reads version "
                            + expected);
        }
    }

    /** Returns the UTF-8 names of enum symbols, indexed by ordinal. */
    static byte[][] names(Enum<?>[] symbols) {
        byte[][] names = new byte[symbols.length][];
        for (Enum<?> symbol : symbols) {
            names[symbol.ordinal()] = utf8(symbol.name());
        }
        return names;
    }

    /** Returns the ordinal of the symbol with that name, or the fallback's when none has it. */
    static int ordinalOf(Enum<?>[] symbols, String name, Enum<?> fallback) {
        for (Enum<?> symbol : symbols) {
            if (symbol.name().equals(name)) {
                return symbol.ordinal();
            }
        }
        return fallback.ordinal();
    }

    /** Returns a serde from an encoder and a decoder; null maps to null both ways. */
    static <T> Serde<T> serde(Function<T, byte[]> encoder, Function<byte[], T> decoder) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : encoder.apply(value);
        Deserializer<T> deserializer =
                (topic, bytes) -> bytes == null ? null : decoder.apply(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
