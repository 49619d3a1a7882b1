package org.ascolto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The headers the contract's AsyncAPI document declares are the ones this library writes. */
class AsyncApiHeadersTest {

    private static final String DOCUMENT = "asyncapi.yaml";
    private static final JsonNode MESSAGES = document().path("components").path("messages");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventSchema.ID_PREFIX, "classpath:schemas/")));
    /** The CloudEvents messages of the document and a type each is written with. */
    private static final Map<String, String> EVENT_TYPES = Map.of(
            "CitizenContact", CitizenContact.EVENT_TYPE,
            "RoutedContact", RoutedContact.EVENT_TYPE,
            "CaseEvent", CaseEvent.OPENED,
            "Reply", Reply.EVENT_TYPE,
            "ReplyStatus", ReplyStatus.EVENT_TYPE,
            "CitizenErasure", CitizenErasure.EVENT_TYPE);

    @Test
    void theCloudEventsHeadersOfEveryMessageAreTheOnesCloudEventHeadersWrites() {
        Set<String> cloudEvents = new TreeSet<>();
        MESSAGES.fields().forEachRemaining(message -> {
            if (message.getValue().path("headers").path("properties").has(CloudEventHeaders.SPEC_VERSION)) {
                cloudEvents.add(message.getKey());
            }
        });
        assertEquals(new TreeSet<>(EVENT_TYPES.keySet()), cloudEvents);
        EVENT_TYPES.forEach((name, type) -> {
            JsonNode message = MESSAGES.path(name);
            Set<String> declared = fieldNames(message.path("headers").path("properties"));
            JsonNode example = message.path("examples").path(0).path("headers");
            Headers headers = CloudEventHeaders.of(example.path(CloudEventHeaders.ID).asText(),
                    example.path(CloudEventHeaders.SOURCE).asText(), type,
                    Instant.parse(example.path(CloudEventHeaders.TIME).asText()),
                    declared.contains(CloudEventHeaders.SUBJECT) ? example.path(CloudEventHeaders.SUBJECT).asText() : null);
            Set<String> cloudEventsNames = fieldNames(asJson(headers));
            if (declared.contains(TraceContext.TRACEPARENT)) {
                TraceContext.continueInto(null, headers);
            }
            ObjectNode written = asJson(headers);
            assertEquals(declared, fieldNames(written), name);
            List<String> required = new ArrayList<>();
            message.path("headers").path("required").forEach(value -> required.add(value.asText()));
            assertTrue(required.containsAll(cloudEventsNames), name + " requires " + required);
            assertEquals(List.of(), violations(name + "/headers", written), name);
        });
    }

    @Test
    void theDeadLetterHeadersAreTheOnesDeadLetterWrites() {
        ConsumerRecord<String, byte[]> rejected = new ConsumerRecord<>(Topics.CONTACTS, 4, 1234L, "citizen-key", new byte[] {'{'});
        ObjectNode written = asJson(DeadLetter.of(rejected, DeadLetter.Reason.INVALID, "malformed JSON").headers());
        JsonNode headers = MESSAGES.path("DeadLetter").path("headers");
        assertEquals(fieldNames(headers.path("properties")), fieldNames(written));
        Set<String> required = new TreeSet<>();
        headers.path("required").forEach(value -> required.add(value.asText()));
        assertEquals(fieldNames(written), required);
        assertEquals(List.of(), violations("DeadLetter/headers", written));
    }

    /** Violations of a schema given by its path below {@code components/messages} of the document. */
    private static List<String> violations(String schemaPath, JsonNode instance) {
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#/components/messages/" + schemaPath),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                .validate(instance).stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    private static ObjectNode asJson(Headers headers) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        for (Header header : headers) {
            json.put(header.key(), CloudEventHeaders.text(headers, header.key()).orElseThrow());
        }
        return json;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode document() {
        try (InputStream in = AsyncApiHeadersTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, "missing " + DOCUMENT);
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
