package dev.codepulse.cli.demo;

import java.time.Duration;

/**
 * What the demo runs.
 *
 * @param workers worker processes to simulate, each with its own slots, cache tier and uids
 * @param slots execution slots per worker
 * @param rate submissions posted per second
 * @param window size of the statistics windows
 * @param duration how long to run; null until interrupted
 * @param useRedis false to run with the in-process cache tier only
 * @param refresh how often the live view is redrawn
 */
public record DemoSettings(
        int workers,
        int slots,
        double rate,
        Duration window,
        Duration duration,
        boolean useRedis,
        Duration refresh) {}
