package org.ascolto.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The JSON Schemas of the events, loaded once from {@code schemas/} on the classpath. */
public enum EventSchema {

    CITIZEN_CONTACT("schemas/citizen-contact.v1.json"),
    ROUTED_CONTACT("schemas/routed-contact.v1.json"),
    CASE_EVENT("schemas/case-event.v1.json"),
    REPLY("schemas/reply.v1.json"),
    REPLY_STATUS("schemas/reply-status.v1.json"),
    CITIZEN_ERASURE("schemas/citizen-erasure.v1.json"),
    CITIZEN_CONTACT_V2("schemas/citizen-contact.v2.json"),
    ROUTED_CONTACT_V2("schemas/routed-contact.v2.json"),
    REPLY_V2("schemas/reply.v2.json");

    /** The {@code $id} prefix of every schema; references between schemas resolve to the classpath. */
    public static final String ID_PREFIX = "https://schemas.ascolto.org/";

    private final String resource;
    private final JsonSchema schema;

    EventSchema(String resource) {
        this.resource = resource;
        this.schema = load(resource);
    }

    public String resource() {
        return resource;
    }

    /** The violations of a payload, as readable lines; empty when it is valid. A number JSON cannot carry is one. */
    public List<String> violations(JsonNode payload) {
        List<String> nonFinite = EventJson.nonFiniteNumbers(payload);
        return nonFinite.isEmpty() ? schemaViolations(payload) : nonFinite;
    }

    /** What the schema says of a tree whose numbers are finite (the validator throws on the others). */
    private List<String> schemaViolations(JsonNode payload) {
        return schema.validate(payload).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .collect(Collectors.toList());
    }

    /** Parses and validates a payload into its record; a bad one is an {@link InvalidEventException} with the reason. */
    public <T> T read(byte[] payload, Class<T> type) {
        return EventJson.convert(validTree(payload), type);
    }

    /** Validates a tree whose numbers are finite into its record; a bad one is an {@link InvalidEventException} with the reason. */
    public <T> T read(JsonNode tree, Class<T> type) {
        List<String> violations = violations(tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("schema violation: " + String.join("; ", violations));
        }
        return EventJson.convert(tree, type);
    }

    /** Parses and validates a payload into its tree; a bad one is an {@link InvalidEventException} with the reason. */
    public JsonNode validTree(byte[] payload) {
        JsonNode node = EventJson.parse(payload); // refuses numbers that are not finite
        List<String> violations = schemaViolations(node);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("schema violation: " + String.join("; ", violations));
        }
        return node;
    }

    private static JsonSchema load(String resource) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                .regularExpressionFactory(EcmaEndAnchors.INSTANCE).build();
        try (InputStream in = EventSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
