package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestEvents;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding damaged bytes fails with EventSerdeException and nothing else. */
class CorruptBytesTest {
    private static final int MUTATIONS_PER_EVENT = 400;

    private static WireFormats formats;

    @BeforeAll
    static void startRegistry() {
        formats = WireFormats.start();
    }

    @AfterAll
    static void stopRegistry() {
        formats.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.codepulse.schemas.serde.WireFormats#eventsInBothFormats")
    void shouldRejectEveryTruncation(String format, SpecificRecord event) {
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);
        byte[] bytes = serde.serialize(WireFormats.topicFor("corrupt", event), event);

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);

            assertThatThrownBy(
                            () ->
                                    serde.deserialize(
                                            WireFormats.topicFor("corrupt", event), truncated))
                    .as("decoding the first %d of %d bytes", length, bytes.length)
                    .isInstanceOf(EventSerdeException.class);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.codepulse.schemas.serde.WireFormats#eventsInBothFormats")
    void shouldRejectMutatedBytesOnlyAsSerdeErrors(String format, SpecificRecord event) {
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);
        byte[] bytes = serde.serialize(WireFormats.topicFor("corrupt", event), event);
        Random random = new Random(event.getSchema().getName().hashCode());
        int rejected = 0;

        for (int i = 0; i < MUTATIONS_PER_EVENT; i++) {
            byte[] mutated = mutate(bytes, random);
            try {
                serde.deserialize(WireFormats.topicFor("corrupt", event), mutated);
            } catch (EventSerdeException e) {
                rejected++;
            }
        }

        // Any other exception type fails the test where it is thrown.
        assertThat(rejected).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {WireFormats.SINGLE_OBJECT, WireFormats.CONFLUENT})
    void shouldRejectHugeLengthPrefixWithoutAllocating(String format) {
        SpecificRecord event = TestEvents.submission().build();
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);
        byte[] bytes = serde.serialize(WireFormats.topicFor("corrupt", event), event);
        int header = WireFormats.CONFLUENT.equals(format) ? 5 : 10;
        // The first field, the id string, now claims 2^30 - 1 bytes.
        byte[] hugeLength = new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        byte[] corrupt = new byte[bytes.length + hugeLength.length - 1];
        System.arraycopy(bytes, 0, corrupt, 0, header);
        System.arraycopy(hugeLength, 0, corrupt, header, hugeLength.length);
        System.arraycopy(
                bytes, header + 1, corrupt, header + hugeLength.length, bytes.length - header - 1);

        assertThatThrownBy(() -> serde.deserialize(WireFormats.topicFor("corrupt", event), corrupt))
                .isInstanceOf(EventSerdeException.class)
                .hasMessageContaining("bytes are available");
    }

    @ParameterizedTest
    @ValueSource(strings = {WireFormats.SINGLE_OBJECT, WireFormats.CONFLUENT})
    void shouldRejectTrailingBytes(String format) {
        SpecificRecord event = TestEvents.submission().build();
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);
        byte[] bytes = serde.serialize(WireFormats.topicFor("corrupt", event), event);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserialize(WireFormats.topicFor("corrupt", event), padded))
                .isInstanceOf(EventSerdeException.class)
                .hasMessageContaining("3 bytes left after the record");
    }

    @Test
    void shouldRejectMissingSingleObjectMarker() {
        byte[] bytes = {0, 0, 0, 0, 1, 2, 4, 6};

        assertThatThrownBy(
                        () ->
                                formats.serdes(WireFormats.SINGLE_OBJECT)
                                        .serde(Submission.class)
                                        .deserialize("t", bytes))
                .isInstanceOf(EventSerdeException.class)
                .hasMessageContaining("marker C3 01");
    }

    @Test
    void shouldRejectMissingConfluentMagicByte() {
        byte[] bytes =
                formats.serdes(WireFormats.SINGLE_OBJECT)
                        .serde(Submission.class)
                        .serialize("t", submission());

        assertThatThrownBy(
                        () ->
                                formats.serdes(WireFormats.CONFLUENT)
                                        .serde(Submission.class)
                                        .deserialize("t", bytes))
                .isInstanceOf(EventSerdeException.class)
                .hasMessageContaining("magic byte 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {WireFormats.SINGLE_OBJECT, WireFormats.CONFLUENT})
    void shouldRejectNullRequiredFieldWhenEncoding(String format) {
        Submission incomplete = new Submission();
        EventSerdes serdes = formats.serdes(format);

        assertThatThrownBy(() -> serdes.serde(Submission.class).serialize("incomplete", incomplete))
                .isInstanceOf(EventSerdeException.class)
                .hasMessageContaining("Submission");
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] mutated = Arrays.copyOf(bytes, bytes.length);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
            mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
        }
        return mutated;
    }

    private static Submission submission() {
        return TestEvents.submission().build();
    }
}
