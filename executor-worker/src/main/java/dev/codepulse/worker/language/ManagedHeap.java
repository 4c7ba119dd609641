package dev.codepulse.worker.language;

import org.apache.kafka.common.config.ConfigDef;

/** Sizes the heap of a managed runtime (JVM, V8) inside a memory limit. */
final class ManagedHeap {
    static final long MIB = 1024 * 1024;
    static final String HEAP_HEADROOM_BYTES_CONFIG = "heap.headroom.bytes";
    private static final long MIN_HEAP_BYTES = 16 * MIB;

    private ManagedHeap() {}

    /**
     * Returns the heap a runtime may grow to: the memory limit less the headroom the runtime needs
     * outside its heap (code, metadata, thread stacks, native buffers), but at least 16 MiB.
     */
    static long heapBytes(long memoryBytes, long headroomBytes) {
        return Math.max(MIN_HEAP_BYTES, memoryBytes - headroomBytes);
    }

    /**
     * Adds {@code heap.headroom.bytes} with a default of 64 MiB.
     *
     * @param outside what the runtime keeps outside its heap, such as "metaspace and code cache"
     * @param flag the heap flag derived from it, such as -Xmx
     */
    static void defineHeadroom(ConfigDef definition, String outside, String flag) {
        definition.define(
                HEAP_HEADROOM_BYTES_CONFIG,
                ConfigDef.Type.LONG,
                64 * MIB,
                ConfigDef.Range.between(0, 4096 * MIB),
                ConfigDef.Importance.MEDIUM,
                "Bytes of the memory limit kept outside the heap for "
                        + outside
                        + "; "
                        + flag
                        + " is the memory limit less this, at least 16 MiB. Range 0 to 4 GiB.");
    }
}
