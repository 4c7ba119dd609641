package dev.codepulse.cli.demo;

import dev.codepulse.schemas.Limits;

/**
 * One program of the demo workload.
 *
 * @param name short label, such as cpp-sum
 * @param language language id
 * @param source program text
 * @param limits limits of each run
 * @param fresh true to make each copy unique (a counter in a comment), so it always misses the
 *     result cache; false to post the same source every time, so copies after the first hit it
 * @param weight relative frequency in the workload
 * @param expected the verdict this program is written to get, for the progress line
 */
record DemoProgram(
        String name,
        String language,
        String source,
        Limits limits,
        boolean fresh,
        int weight,
        String expected) {}
