package dev.codepulse.streams.internals;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.Verdict;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary format of {@link ReportObservation} on the repartition topic: a version byte, the verdict
 * and cache tier by name (so reordering the Avro enums stays compatible), then fixed-width numbers.
 */
public final class ReportObservationSerde {
    private static final byte VERSION = 1;
    private static final byte[][] VERDICT_NAMES = Binary.names(Verdict.values());
    private static final byte[][] TIER_NAMES = Binary.names(CacheTier.values());

    private ReportObservationSerde() {}

    /** Returns the serde. */
    public static Serde<ReportObservation> serde() {
        return Binary.serde(ReportObservationSerde::toBytes, ReportObservationSerde::fromBytes);
    }

    private static byte[] toBytes(ReportObservation observation) {
        byte[] verdict = VERDICT_NAMES[observation.verdict().ordinal()];
        byte[] tier = TIER_NAMES[observation.cacheTier().ordinal()];
        int runs = observation.runs();
        int size =
                1
                        + Binary.stringSize(verdict)
                        + 1
                        + Binary.stringSize(tier)
                        + 3 * Long.BYTES
                        + Integer.BYTES
                        + runs * 3 * Long.BYTES;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(VERSION);
        Binary.putString(buffer, verdict);
        buffer.put((byte) (observation.cacheHit() ? 1 : 0));
        Binary.putString(buffer, tier);
        buffer.putLong(observation.compileMs())
                .putLong(observation.queueMs())
                .putLong(observation.processingMicros());
        buffer.putInt(runs);
        for (int i = 0; i < runs; i++) {
            buffer.putLong(observation.runCpuMs()[i])
                    .putLong(observation.runWallMs()[i])
                    .putLong(observation.runPeakMemoryBytes()[i]);
        }
        return buffer.array();
    }

    private static ReportObservation fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Binary.checkVersion(buffer, VERSION, "report observation");
        Verdict verdict = verdictOf(Binary.getString(buffer));
        boolean cacheHit = buffer.get() != 0;
        CacheTier tier = tierOf(Binary.getString(buffer));
        long compileMs = buffer.getLong();
        long queueMs = buffer.getLong();
        long processingMicros = buffer.getLong();
        int runs = buffer.getInt();
        if (runs < 0 || runs * 3L * Long.BYTES > buffer.remaining()) {
            throw new IllegalArgumentException(
                    "Invalid run count " + runs + " with " + buffer.remaining() + " bytes left");
        }
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        long[] memory = new long[runs];
        for (int i = 0; i < runs; i++) {
            cpu[i] = buffer.getLong();
            wall[i] = buffer.getLong();
            memory[i] = buffer.getLong();
        }
        return new ReportObservation(
                verdict, cacheHit, tier, compileMs, queueMs, processingMicros, cpu, wall, memory);
    }

    // A name this release does not know maps to the enum default, as Avro does.
    private static Verdict verdictOf(String name) {
        return Verdict.values()[Binary.ordinalOf(Verdict.values(), name, Verdict.UNKNOWN)];
    }

    private static CacheTier tierOf(String name) {
        return CacheTier.values()[Binary.ordinalOf(CacheTier.values(), name, CacheTier.NONE)];
    }
}
