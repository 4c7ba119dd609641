package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestEvents;
import dev.codepulse.testsupport.MockSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {
    private static final String SUBMISSION = "dev.codepulse.schemas.Submission";

    private static MockSchemaRegistry registry;
    private static EventSerdes confluent;

    @BeforeAll
    static void startRegistry() {
        registry = MockSchemaRegistry.start();
        confluent = EventSerdes.withRegistry(TestClients.client(registry.url()), false);
    }

    @AfterAll
    static void stopRegistry() {
        confluent.close();
        registry.close();
    }

    @Test
    void shouldShipSubmissionVersionOneWithoutAttributes() {
        List<Schema> older = SchemaCatalog.olderVersions(SUBMISSION);

        assertThat(older).hasSize(1);
        assertThat(older.get(0).getField("attributes")).isNull();
    }

    @Test
    void shouldReadV1SingleObject() throws IOException {
        Schema v1 = submissionV1();
        byte[] bytes =
                toByteArray(
                        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                                .encode(v1Record(v1)));

        Submission decoded =
                new SingleObjectWireFormat<>(Submission.class).decode("submissions", bytes);

        assertThat(decoded.getAttributes()).isEmpty();
        assertThat(decoded).isEqualTo(expectedFromV1());
    }

    @Test
    void shouldReadV1Confluent() throws IOException {
        Schema v1 = submissionV1();
        int id = registry.register("evolution-v1-value", v1);
        byte[] bytes = confluentBytes(id, v1, v1Record(v1));

        Submission decoded = confluent.serde(Submission.class).deserialize("evolution-v1", bytes);

        assertThat(decoded.getAttributes()).isEmpty();
        assertThat(decoded).isEqualTo(expectedFromV1());
    }

    @Test
    void shouldNameFingerprintWhenUnknown() throws IOException {
        Schema unknown = withExtraField(submissionV1());
        GenericRecord record = new GenericData.Record(unknown);
        copyFields(v1Record(submissionV1()), record);
        record.put("extra", "x");
        byte[] bytes =
                toByteArray(
                        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown)
                                .encode(record));
        String fingerprint =
                String.format("%016x", SchemaNormalization.parsingFingerprint64(unknown));

        assertThatThrownBy(() -> new SingleObjectWireFormat<>(Submission.class).decode("t", bytes))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining(fingerprint);
    }

    @Test
    void shouldRejectAnotherRecordTypeByFingerprint() {
        byte[] report =
                new SingleObjectWireFormat<>(dev.codepulse.schemas.ExecutionReport.class)
                        .encode("t", TestEvents.executionReport().build());

        assertThatThrownBy(() -> new SingleObjectWireFormat<>(Submission.class).decode("t", report))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("dev.codepulse.schemas.Submission");
    }

    @Test
    void shouldNameUnknownRegistryId() throws IOException {
        Schema v1 = submissionV1();
        byte[] bytes = confluentBytes(987_654, v1, v1Record(v1));

        assertThatThrownBy(() -> confluent.serde(Submission.class).deserialize("unknown-id", bytes))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("987654")
                .hasMessageContaining(registry.url());
    }

    @Test
    void shouldRejectUnregisteredSchema() {
        Submission submission = TestEvents.submission().build();

        assertThatThrownBy(
                        () ->
                                confluent
                                        .serde(Submission.class)
                                        .serialize("never-registered", submission))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("never-registered-value")
                .hasMessageContaining(registry.url())
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG);
    }

    @Test
    void shouldUseRegisteredIdWhenAutoRegisterOff() {
        int id = registry.register("pre-registered-value", Submission.getClassSchema());

        byte[] bytes =
                confluent
                        .serde(Submission.class)
                        .serialize("pre-registered", TestEvents.submission().build());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    private static Schema submissionV1() {
        return SchemaCatalog.olderVersions(SUBMISSION).get(0);
    }

    // The v1 fields of TestEvents.submission(), written as a generic record of the v1 schema.
    private static GenericRecord v1Record(Schema v1) {
        Submission current = TestEvents.submission().build();
        Schema testCase = v1.getField("tests").schema().getElementType();
        Schema limits = v1.getField("limits").schema();
        List<GenericRecord> tests =
                current.getTests().stream()
                        .<GenericRecord>map(
                                test ->
                                        new GenericRecordBuilder(testCase)
                                                .set("name", test.getName())
                                                .set("stdin", test.getStdin())
                                                .set("expectedStdout", test.getExpectedStdout())
                                                .build())
                        .toList();
        return new GenericRecordBuilder(v1)
                .set("id", current.getId())
                .set("problemId", current.getProblemId())
                .set("language", current.getLanguage())
                .set("source", current.getSource())
                .set("tests", tests)
                .set(
                        "limits",
                        new GenericRecordBuilder(limits)
                                .set("cpuMs", current.getLimits().getCpuMs())
                                .set("wallMs", current.getLimits().getWallMs())
                                .set("memoryBytes", current.getLimits().getMemoryBytes())
                                .set("outputBytes", current.getLimits().getOutputBytes())
                                .build())
                .set(
                        "checkerMode",
                        new GenericData.EnumSymbol(
                                v1.getField("checkerMode").schema(), CheckerMode.EXACT.name()))
                .set("submittedAt", current.getSubmittedAt().toEpochMilli())
                .build();
    }

    private static Submission expectedFromV1() {
        return TestEvents.submission().setAttributes(Map.of()).build();
    }

    private static Schema withExtraField(Schema v1) {
        String json = v1.toString();
        String extra =
                "{\"name\":\"extra\",\"type\":\"string\",\"doc\":\"Not in any shipped version.\"},";
        return new Schema.Parser()
                .parse(json.replaceFirst("\"fields\":\\[", "\"fields\":[" + extra));
    }

    private static void copyFields(GenericRecord from, GenericRecord to) {
        for (Schema.Field field : from.getSchema().getFields()) {
            to.put(field.name(), from.get(field.name()));
        }
    }

    private static byte[] confluentBytes(int id, Schema schema, GenericRecord record)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] toByteArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
