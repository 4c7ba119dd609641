package dev.codepulse.common;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Converts Avro records to plain maps and lists that JSON libraries print naturally: timestamps as
 * ISO-8601 strings, enums as names, unions without type wrappers. Byte fields, which hold sketches,
 * become their length, because their encoding means nothing to a JSON reader.
 */
public final class AvroJson {
    private AvroJson() {}

    /** Returns the record as an ordered map of field name to plain value. */
    public static Map<String, Object> toMap(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof ByteBuffer bytes) {
                map.put(field.name() + "Bytes", bytes.remaining());
            } else {
                map.put(field.name(), plain(value));
            }
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof IndexedRecord record) {
            return toMap(record);
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return symbol.toString();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof ByteBuffer bytes) {
            return bytes.remaining();
        }
        return value;
    }
}
