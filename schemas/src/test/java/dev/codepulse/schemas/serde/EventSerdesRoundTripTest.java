package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestEvents;
import dev.codepulse.schemas.Topics;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventSerdesRoundTripTest {
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
    void shouldRoundTripEveryEventType(String format, SpecificRecord event) {
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);

        byte[] bytes = serde.serialize(WireFormats.topicFor("round-trip", event), event);
        SpecificRecord decoded =
                serde.deserialize(WireFormats.topicFor("round-trip", event), bytes);

        assertThat(decoded).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.codepulse.schemas.serde.WireFormats#eventsInBothFormats")
    void shouldEncodeSameBytesTwice(String format, SpecificRecord event) {
        AvroSerde<SpecificRecord> serde = formats.serde(format, event);

        byte[] first = serde.serialize(WireFormats.topicFor("round-trip", event), event);
        byte[] second = serde.serialize(WireFormats.topicFor("round-trip", event), event);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldCoverEveryAvroTopic() {
        Set<Class<?>> covered =
                TestEvents.all().stream().map(Object::getClass).collect(Collectors.toSet());

        Set<Class<?>> avroTopics =
                Topics.all().stream()
                        .map(topic -> topic.valueType())
                        .filter(SpecificRecord.class::isAssignableFrom)
                        .collect(Collectors.toSet());

        assertThat(covered).containsAll(avroTopics);
    }

    @ParameterizedTest
    @ValueSource(strings = {WireFormats.SINGLE_OBJECT, WireFormats.CONFLUENT})
    void shouldPassNullThrough(String format) {
        Serde<Submission> serde = Topics.SUBMISSIONS.valueSerde(formats.serdes(format));

        byte[] bytes = serde.serializer().serialize("submissions", null);
        Submission decoded = serde.deserializer().deserialize("submissions", null);

        assertThat(bytes).isNull();
        assertThat(decoded).isNull();
    }

    @Test
    void shouldWriteSingleObjectHeader() {
        SingleObjectWireFormat<Submission> format = new SingleObjectWireFormat<>(Submission.class);

        byte[] bytes = format.encode("submissions", TestEvents.submission().build());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(littleEndianHex(bytes, 2, 8)).isEqualTo(format.fingerprint());
    }

    @Test
    void shouldWriteConfluentHeaderWithRegisteredId() {
        Submission submission = TestEvents.submission().build();

        byte[] bytes =
                formats.serdes(WireFormats.CONFLUENT)
                        .serde(Submission.class)
                        .serialize("header-check", submission);

        int id = formats.registry().register("header-check-value", Submission.getClassSchema());
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void shouldRegisterUnderTopicValueSubject() {
        Submission submission = TestEvents.submission().build();

        formats.serdes(WireFormats.CONFLUENT)
                .serde(Submission.class)
                .serialize("subject-naming", submission);

        assertThat(formats.registry().subjects()).contains("subject-naming-value");
    }

    @Test
    void shouldDescribeEachWireFormat() {
        String single = formats.serdes(WireFormats.SINGLE_OBJECT).describe();
        String withRegistry = formats.serdes(WireFormats.CONFLUENT).describe();

        assertThat(single).isEqualTo("avro-single-object");
        assertThat(withRegistry).contains(formats.registry().url());
    }

    private static String littleEndianHex(byte[] bytes, int offset, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = offset + length - 1; i >= offset; i--) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex.toString();
    }
}
