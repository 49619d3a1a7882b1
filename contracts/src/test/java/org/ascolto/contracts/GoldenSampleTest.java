package org.ascolto.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

class GoldenSampleTest {

    static Stream<Arguments> samples() throws IOException, URISyntaxException {
        return Stream.of(contactSamples(),
                samplesIn("case-event").map(p -> Arguments.of(p, EventSchema.CASE_EVENT, CaseEvent.class)),
                samplesIn("reply").map(p -> Arguments.of(p, EventSchema.REPLY, Reply.class)),
                samplesIn("reply-status").map(p -> Arguments.of(p, EventSchema.REPLY_STATUS, ReplyStatus.class)),
                samplesIn("citizen-erasure").map(p -> Arguments.of(p, EventSchema.CITIZEN_ERASURE, CitizenErasure.class))).flatMap(s -> s);
    }

    /** The sealed forms on the v2 topics: their {@code sealed} opens with no key anyone holds, so they only validate. */
    static Stream<Arguments> sealedSamples() throws IOException, URISyntaxException {
        return Stream.of(samplesIn("sealed-citizen-contact").map(p -> Arguments.of(p, EventSchema.CITIZEN_CONTACT_V2, "citizen-contact")),
                samplesIn("sealed-routed-contact").map(p -> Arguments.of(p, EventSchema.ROUTED_CONTACT_V2, "routed-contact")),
                samplesIn("sealed-reply").map(p -> Arguments.of(p, EventSchema.REPLY_V2, "reply"))).flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("sealedSamples")
    void everySealedSampleValidatesAndKeepsInClearWhatItsOpenedSampleHasInClear(Path sample, EventSchema schema, String opened)
            throws IOException {
        JsonNode sealed = EventJson.parse(Files.readAllBytes(sample));
        assertEquals(List.of(), schema.violations(sealed), sample.toString());
        JsonNode open = EventJson.parse(Files.readAllBytes(sample.getParent().resolveSibling(opened).resolve(sample.getFileName())));
        sealed.fieldNames().forEachRemaining(field -> {
            if (!List.of("sealed", "schemaVersion", "citizenKey", "citizen", "contact", "routing", "inReplyTo").contains(field)) {
                assertEquals(open.get(field), sealed.get(field), sample + " " + field);
            }
        });
    }

    static Stream<Arguments> contactSamples() throws IOException, URISyntaxException {
        return Stream.concat(
                samplesIn("citizen-contact").map(p -> Arguments.of(p, EventSchema.CITIZEN_CONTACT, CitizenContact.class)),
                samplesIn("routed-contact").map(p -> Arguments.of(p, EventSchema.ROUTED_CONTACT, RoutedContact.class)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleValidatesAndRoundTrips(Path sample, EventSchema schema, Class<?> type) throws IOException {
        byte[] payload = Files.readAllBytes(sample);
        JsonNode original = EventJson.parse(payload);
        assertEquals(List.of(), schema.violations(original), sample.toString());

        Object event = schema.read(payload, type);
        JsonNode written = EventJson.tree(event);
        assertEquals(original, written, "round trip of " + sample);
        assertEquals(List.of(), schema.violations(written));
    }

    @ParameterizedTest
    @MethodSource("contactSamples")
    void contactIdOfEverySampleIsDerivedFromChannelAndExternalId(Path sample) throws IOException {
        JsonNode node = EventJson.parse(Files.readAllBytes(sample));
        JsonNode contact = node.has("contact") ? node.get("contact") : node;
        assertEquals(ContactIds.of(contact.get("channel").asText(), contact.get("externalId").asText()).toString(),
                contact.get("contactId").asText());
    }

    @ParameterizedTest
    @MethodSource("statusSamples")
    void statusIdOfEverySampleIsDerivedFromReplyAndStatus(Path sample) throws IOException {
        ReplyStatus status = EventSchema.REPLY_STATUS.read(Files.readAllBytes(sample), ReplyStatus.class);
        assertEquals(ReplyStatus.of(status.replyId(), status.caseId(), status.channel(), status.status(), status.occurredAt(),
                status.errorCode()), status);
    }

    static Stream<Path> statusSamples() throws IOException, URISyntaxException {
        return samplesIn("reply-status");
    }

    private static Stream<Path> samplesIn(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenSampleTest.class.getClassLoader().getResource("samples/" + folder).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no samples in " + dir);
        assertTrue(files.size() >= 2);
        return files.stream();
    }
}
