package dev.codepulse.profiler.internals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Reads the current thread's CPU time and allocated bytes through HotSpot's {@code
 * com.sun.management.ThreadMXBean}. On a JVM without that interface, or with either measurement
 * disabled, {@link #supported()} is false and the readings are -1.
 */
public final class ThreadResources {
    private static final com.sun.management.ThreadMXBean BEAN = hotSpotBean();
    private static final boolean SUPPORTED = BEAN != null && enabled(BEAN);

    private ThreadResources() {}

    /** Returns true when both thread CPU time and allocated bytes can be read. */
    public static boolean supported() {
        return SUPPORTED;
    }

    /** Returns the CPU time of the current thread in nanoseconds, or -1 when unavailable. */
    static long cpuNanos() {
        return SUPPORTED ? BEAN.getCurrentThreadCpuTime() : -1;
    }

    /** Returns the bytes allocated so far by the current thread, or -1 when unavailable. */
    static long allocatedBytes() {
        return SUPPORTED ? BEAN.getCurrentThreadAllocatedBytes() : -1;
    }

    private static com.sun.management.ThreadMXBean hotSpotBean() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean hotSpot ? hotSpot : null;
    }

    private static boolean enabled(com.sun.management.ThreadMXBean bean) {
        return bean.isCurrentThreadCpuTimeSupported()
                && bean.isThreadCpuTimeEnabled()
                && bean.isThreadAllocatedMemorySupported()
                && bean.isThreadAllocatedMemoryEnabled();
    }
}
