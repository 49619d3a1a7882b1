package org.ascolto.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing " + resource);
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
