package dev.codepulse.worker.sandbox.internals;

/**
 * A launch chain started ahead of its run. It has joined its fresh cgroup already, which costs an
 * RCU grace period in the kernel (often 5 to 15 ms) and would otherwise delay every run, and it
 * waits for its control message on stdin.
 */
public record Spare(Process process, RunCgroup cgroup) {}
