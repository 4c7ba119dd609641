package dev.codepulse.worker.sandbox.internals;

import java.nio.file.Path;

/**
 * The fixed facts of one slot that every run in it uses.
 *
 * @param uid the uid programs of the slot run as
 * @param hostWorkDir the slot's work directory on the host
 * @param statusFile where bubblewrap writes its JSON status, root-only
 * @param optionsFile where a spare reads bubblewrap's options from, root-only
 */
public record SlotContext(int uid, Path hostWorkDir, Path statusFile, Path optionsFile) {}
