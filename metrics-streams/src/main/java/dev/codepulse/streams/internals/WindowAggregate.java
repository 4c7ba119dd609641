package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;

/**
 * State of one key in one window: what every aggregate carries beside its own statistics.
 *
 * <p>An aggregate is open until its window closes; it then stays in the store, marked emitted, for
 * queries and so that records arriving for it later are recognised as late.
 */
public abstract class WindowAggregate {
    static final int HEADER_BYTES = 1 + 8 + 8;

    private static final byte EMITTED = 1;
    private static final byte COMPLETE = 2;

    private long sampleCount;
    private boolean emitted;
    private boolean complete;
    private long lateRecordsDropped;

    /** Returns how many input records were merged into this aggregate. */
    public long sampleCount() {
        return sampleCount;
    }

    /** Returns true once the window was closed and its final result emitted. */
    public boolean emitted() {
        return emitted;
    }

    /** Returns true when the window was closed by stream time, false while open or when idle. */
    public boolean complete() {
        return complete;
    }

    /** Returns the late records of this key reported with this window. */
    public long lateRecordsDropped() {
        return lateRecordsDropped;
    }

    /** Counts one merged input record. */
    void countSample() {
        sampleCount++;
    }

    /** Counts the input records of a merged partial aggregate. */
    void countSamples(long samples) {
        sampleCount += samples;
    }

    /** Marks the window closed and emitted, with the late records reported beside it. */
    void markEmitted(boolean closedByStreamTime, long lateRecords) {
        this.emitted = true;
        this.complete = closedByStreamTime;
        this.lateRecordsDropped = lateRecords;
    }

    /** Returns the size of the serialized form. */
    abstract int serializedSize();

    /** Writes the statistics of the subclass after the header. */
    abstract void writeBody(ByteBuffer buffer);

    /** Serializes the header and the body. */
    final byte[] toBytes(byte version) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + HEADER_BYTES + serializedSize());
        buffer.put(version);
        buffer.put((byte) ((emitted ? EMITTED : 0) | (complete ? COMPLETE : 0)));
        buffer.putLong(sampleCount).putLong(lateRecordsDropped);
        writeBody(buffer);
        return buffer.array();
    }

    /** Reads the header written by {@link #toBytes(byte)}, after the version byte. */
    final void readHeader(ByteBuffer buffer) {
        byte flags = buffer.get();
        emitted = (flags & EMITTED) != 0;
        complete = (flags & COMPLETE) != 0;
        sampleCount = buffer.getLong();
        lateRecordsDropped = buffer.getLong();
    }
}
