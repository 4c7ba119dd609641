package dev.codepulse.worker.judge;

/**
 * The bounds a submission must respect before it runs; every range is inclusive.
 *
 * @param sourceMaxBytes largest source, in UTF-8 bytes
 * @param testsMax most tests per submission
 * @param testMaxBytes largest stdin, and largest expected output, of one test, in UTF-8 bytes
 * @param cpuMsMin smallest CPU limit, in milliseconds
 * @param cpuMsMax largest CPU limit, in milliseconds
 * @param wallMsMin smallest wall-clock limit, in milliseconds
 * @param wallMsMax largest wall-clock limit, in milliseconds
 * @param memoryBytesMin smallest memory limit, in bytes
 * @param memoryBytesMax largest memory limit, in bytes
 * @param outputBytesMin smallest output limit, in bytes
 * @param outputBytesMax largest output limit, in bytes
 */
public record ValidationRules(
        long sourceMaxBytes,
        int testsMax,
        long testMaxBytes,
        long cpuMsMin,
        long cpuMsMax,
        long wallMsMin,
        long wallMsMax,
        long memoryBytesMin,
        long memoryBytesMax,
        long outputBytesMin,
        long outputBytesMax) {}
