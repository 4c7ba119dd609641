package dev.codepulse.streams.internals;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The in-heap view of one task's window store: live aggregates of the open windows, so a record
 * never reads and decodes its aggregate from the store, and the keys of the closed windows still
 * retained. Rebuilt from the store whenever the processor is initialised, so it always matches the
 * store after a restore.
 *
 * @param <A> aggregate type
 */
final class WindowTracker<A extends WindowAggregate> {
    /** An open window: its live aggregate and when its last record arrived. */
    static final class OpenWindow<A> {
        final A aggregate;
        long lastRecordWallMs;

        OpenWindow(A aggregate, long lastRecordWallMs) {
            this.aggregate = aggregate;
            this.lastRecordWallMs = lastRecordWallMs;
        }
    }

    private final Map<WindowKey, OpenWindow<A>> open = new HashMap<>();
    private final NavigableSet<WindowKey> openByStart = new TreeSet<>(WindowKey.BY_START);
    private final NavigableSet<WindowKey> emittedByStart = new TreeSet<>(WindowKey.BY_START);

    /** Returns the open window, or null when the window is not open. */
    OpenWindow<A> open(WindowKey key) {
        return open.get(key);
    }

    /** Tracks a new open window. */
    OpenWindow<A> addOpen(WindowKey key, A aggregate, long wallMs) {
        OpenWindow<A> window = new OpenWindow<>(aggregate, wallMs);
        open.put(key, window);
        openByStart.add(key);
        return window;
    }

    /** Stops tracking an open window and returns its aggregate. */
    A removeOpen(WindowKey key) {
        openByStart.remove(key);
        return open.remove(key).aggregate;
    }

    /** Returns the open window that started first, or null. */
    WindowKey firstOpen() {
        return openByStart.isEmpty() ? null : openByStart.first();
    }

    /** Returns the open windows in start order; callers must not modify them while iterating. */
    NavigableSet<WindowKey> openKeys() {
        return openByStart;
    }

    /** Returns true when the window was closed and is still retained. */
    boolean isEmitted(WindowKey key) {
        return emittedByStart.contains(key);
    }

    /** Tracks a closed, retained window. */
    void addEmitted(WindowKey key) {
        emittedByStart.add(key);
    }

    /** Returns the retained closed window that started first, or null. */
    WindowKey firstEmitted() {
        return emittedByStart.isEmpty() ? null : emittedByStart.first();
    }

    /** Stops tracking a retained closed window. */
    void removeEmitted(WindowKey key) {
        emittedByStart.remove(key);
    }

    /** Returns the number of open windows. */
    int openCount() {
        return open.size();
    }

    /** Forgets everything, before a rebuild from the store. */
    void clear() {
        open.clear();
        openByStart.clear();
        emittedByStart.clear();
    }
}
