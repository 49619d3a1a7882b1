package org.ascolto.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The AsyncAPI document ({@code asyncapi.yaml}) against the topics, schemas, samples and headers of the code. */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "asyncapi.yaml";
    private static final String JSON_SCHEMA_2020_12 = "application/schema+json;version=2020-12";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNode ASYNCAPI = read(DOCUMENT);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventSchema.ID_PREFIX, "classpath:schemas/")));
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** The CloudEvents messages of the document and a type each is written with. */
    private static final Map<String, String> EVENT_TYPES = Map.of(
            "CitizenContact", CitizenContact.EVENT_TYPE,
            "RoutedContact", RoutedContact.EVENT_TYPE,
            "CaseEvent", CaseEvent.OPENED);

    @Test
    void isAnAsyncApi3DocumentOfKafkaServers() {
        assertEquals("3.0.0", ASYNCAPI.path("asyncapi").asText());
        assertFalse(ASYNCAPI.path("servers").isEmpty());
        ASYNCAPI.path("servers").forEach(server -> assertEquals("kafka", server.path("protocol").asText(), server.toString()));
    }

    @Test
    void everyTopicIsAChannelAndEveryChannelATopic() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        Set<String> addresses = new TreeSet<>();
        ASYNCAPI.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(topics, addresses);
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(ASYNCAPI, references);
        assertFalse(references.isEmpty());
        List<String> unresolved = references.stream().filter(ref -> resolve(ref).isMissingNode()).toList();
        assertEquals(List.of(), unresolved);
    }

    @Test
    void everyPayloadIsAJsonSchemaOfTheContractAndEverySchemaIsAPayload() throws IOException, URISyntaxException {
        Set<String> payloads = new TreeSet<>();
        messages().forEach((name, message) -> {
            JsonNode payload = message.path("payload");
            if (payload.has("schema")) {
                assertEquals(JSON_SCHEMA_2020_12, payload.path("schemaFormat").asText(), name);
                String file = payload.path("schema").path("$ref").asText();
                assertEquals("https://json-schema.org/draft/2020-12/schema", read(file).path("$schema").asText(), file);
                payloads.add(file);
            }
        });
        assertEquals(resourcesIn("schemas"), payloads);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsAnExampleOfOneMessageAndValidatesAgainstItsPayloadSchema(String sample) {
        List<String> owners = new ArrayList<>();
        messages().forEach((name, message) -> message.path("examples").forEach(example -> {
            if (sample.equals(example.path("payload").path("$ref").asText())) {
                owners.add(name);
                assertEquals(List.of(), violations(name + "/headers", example.path("headers")), sample + " headers");
            }
        }));
        assertEquals(1, owners.size(), sample + " is an example of " + owners);
        assertEquals(List.of(), violations(owners.get(0) + "/payload/schema", read(sample)), sample);
    }

    @Test
    void theCloudEventsHeadersOfEveryMessageAreTheOnesCloudEventHeadersWrites() {
        Set<String> cloudEvents = messages().entrySet().stream()
                .filter(message -> message.getValue().path("headers").path("properties").has(CloudEventHeaders.SPEC_VERSION))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals(EVENT_TYPES.keySet(), cloudEvents);
        EVENT_TYPES.forEach((name, type) -> {
            JsonNode message = ASYNCAPI.path("components").path("messages").path(name);
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
            Set<String> required = new TreeSet<>(textValues(message.path("headers").path("required")));
            assertTrue(required.containsAll(cloudEventsNames), name + " requires " + required);
            assertEquals(List.of(), violations(name + "/headers", written), name);
        });
    }

    @Test
    void theDeadLetterHeadersAreTheOnesDeadLetterWrites() {
        ConsumerRecord<String, byte[]> rejected = new ConsumerRecord<>(Topics.CONTACTS, 4, 1234L, "citizen-key", new byte[] {'{'});
        ObjectNode written = asJson(DeadLetter.of(rejected, "malformed JSON").headers());
        JsonNode headers = ASYNCAPI.path("components").path("messages").path("DeadLetter").path("headers");
        assertEquals(fieldNames(headers.path("properties")), fieldNames(written));
        assertEquals(fieldNames(written), new TreeSet<>(textValues(headers.path("required"))));
        assertEquals(List.of(), violations("DeadLetter/headers", written));
    }

    static Stream<String> samples() throws IOException, URISyntaxException {
        Set<String> samples = resourcesIn("samples");
        assertFalse(samples.isEmpty());
        return samples.stream();
    }

    private static Map<String, JsonNode> messages() {
        Map<String, JsonNode> messages = new TreeMap<>();
        ASYNCAPI.path("components").path("messages").fields().forEachRemaining(e -> messages.put(e.getKey(), e.getValue()));
        return messages;
    }

    /** Violations of a schema given by its path below {@code components/messages} of the document, whose references resolve as in it. */
    private static List<String> violations(String schemaPath, JsonNode instance) {
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#/components/messages/" + schemaPath), FORMATS);
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }

    /** A reference of the document: a JSON pointer into it, or a resource beside it with an optional pointer. */
    private static JsonNode resolve(String ref) {
        int hash = ref.indexOf('#');
        String resource = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        if (!resource.isEmpty() && AsyncApiDocumentTest.class.getClassLoader().getResource(resource) == null) {
            return MissingNode.getInstance();
        }
        return (resource.isEmpty() ? ASYNCAPI : read(resource)).at(pointer);
    }

    /** The JSON files under a folder of the contract, as paths relative to the document. */
    private static Set<String> resourcesIn(String folder) throws IOException, URISyntaxException {
        Path root = Path.of(AsyncApiDocumentTest.class.getClassLoader().getResource(DOCUMENT).toURI()).getParent();
        try (Stream<Path> files = Files.walk(root.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
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

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing " + resource);
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
