package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.TimingMode;

/**
 * How often a timer measures, derived from its mode and the configured sample periods.
 *
 * @param mode the timer's mode
 * @param wallPeriod measure wall time on one call in this many; 1 is every call
 * @param resourcePeriod measure CPU time and allocation on one call in this many; 1 is every call,
 *     0 is never (the JVM cannot read them)
 */
public record TimerSettings(TimingMode mode, int wallPeriod, int resourcePeriod) {
    /**
     * Derives the settings of a mode.
     *
     * @param wallSamplePeriod the wall period of {@link TimingMode#SAMPLED}, at least 1
     * @param resourceSamplePeriod the resource period of {@link TimingMode#WALL} and {@link
     *     TimingMode#SAMPLED}, at least 1
     * @param resourcesSupported whether this JVM can read thread CPU time and allocated bytes
     */
    public static TimerSettings of(
            TimingMode mode,
            int wallSamplePeriod,
            int resourceSamplePeriod,
            boolean resourcesSupported) {
        int wall = mode == TimingMode.SAMPLED ? wallSamplePeriod : 1;
        int resource = mode == TimingMode.FULL ? 1 : resourceSamplePeriod;
        return new TimerSettings(mode, wall, resourcesSupported ? resource : 0);
    }
}
