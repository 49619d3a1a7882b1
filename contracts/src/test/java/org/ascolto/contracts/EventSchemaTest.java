package org.ascolto.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class EventSchemaTest {

    @Test
    void contactIdsMatchUuidV5OfOtherLanguages() {
        // Python: uuid.uuid5(uuid.UUID('10579c5d-3ba8-5fe6-ba25-4f1e7b12d2d0'), 'web:abc')
        assertEquals(UUID.fromString("a5df65c5-4690-57ba-99ca-901da4df4d1e"), ContactIds.of("web", "abc"));
        // The namespace itself is uuid5(NAMESPACE_URL, 'ascolto:contact').
        assertEquals(ContactIds.NAMESPACE,
                ContactIds.nameBased(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "ascolto:contact"));
    }

    /**
     * {@link CitizenContact.Citizen#isKey} reads a key a character at a time; the schema's pattern is the rule, read as
     * ECMA-262 (where {@code $} does not match before a final line break, as Java's does).
     */
    @Test
    void isKeyAgreesWithTheSchemasPatternOnHostileValues() throws IOException {
        ObjectNode contact = (ObjectNode) EventJson.parse(sample("samples/citizen-contact/web.json"));
        String key = "AbZz09_-".repeat(2);
        List<String> values = List.of(key, key.substring(1), key.repeat(8), key.repeat(8) + "A", key + "\u0000",
                "\u0000" + key, "\n" + key, key + "\n", key + "\r\n", key + "\u2028", key + "=", key + "+", key + "/", key + " ", key + "é", key + "\uD83D\uDE00",
                "Ａ".repeat(16), "\u0660".repeat(16), "", "[]".repeat(8), "`".repeat(16), "@".repeat(16), "{".repeat(16));
        for (String value : values) {
            ((ObjectNode) contact.get("citizen")).put("key", value);
            boolean schemaSays = EventSchema.CITIZEN_CONTACT.violations(contact).isEmpty();
            assertEquals(schemaSays, CitizenContact.Citizen.isKey(value), value);
        }
        assertTrue(CitizenContact.Citizen.isKey(key));
        assertFalse(CitizenContact.Citizen.isKey(null));
    }

    /** JSON Schema's patterns are ECMA-262's: a value with a line break after what its pattern allows is refused. */
    @Test
    void aLineBreakAfterAPatternsLastCharacterIsRefused() throws IOException {
        assertEquals("^[a-z]{2,3}\\z", EcmaEndAnchors.endOfValue("^[a-z]{2,3}$"));
        assertEquals("^[$]a\\$\\z", EcmaEndAnchors.endOfValue("^[$]a\\$$"), "a $ in a class or escaped is a character");
        assertEquals("^[\\]$]\\z", EcmaEndAnchors.endOfValue("^[\\]$]$"));
        // (not an instant's: the validator's date-time format takes it, but Jackson trims it, and the record holds an Instant)
        for (String field : List.of("channel", "language", "contactId")) {
            for (String lineBreak : List.of("\n", "\r", "\r\n", "\u0085", "\u2028")) {
                ObjectNode contact = (ObjectNode) EventJson.parse(sample("samples/citizen-contact/web.json"));
                contact.put(field, contact.get(field).asText() + lineBreak);
                InvalidEventException refused = assertThrows(InvalidEventException.class,
                        () -> EventSchema.CITIZEN_CONTACT.read(EventJson.write(contact), CitizenContact.class));
                assertTrue(refused.getMessage().contains(field), refused.getMessage());
            }
        }
    }

    @Test
    void malformedJsonIsRejectedWithTheReason() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventSchema.CITIZEN_CONTACT.read("{\"contactId\":".getBytes(StandardCharsets.UTF_8), CitizenContact.class));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void aFieldNameThatDecodesToUnpairedSurrogatesIsRefusedWhileAnEmojiIsRead() throws IOException {
        byte[] web = sample("samples/citizen-contact/web.json");
        // F4 90 80 80 would be U+110000, beyond Unicode: Jackson reads it into a name as two low surrogates, and writes
        // that name back as bytes no reader accepts (found by HostileContactProperties)
        byte[] beyondUnicode = {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, 'm', 'e', 'd', 'i', 'a'};
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> EventSchema.CITIZEN_CONTACT.read(withMetadataNamed(web, beyondUnicode), CitizenContact.class));
        assertTrue(refused.getMessage().contains("unpaired surrogate"), refused.getMessage());

        CitizenContact read = EventSchema.CITIZEN_CONTACT.read(withMetadataNamed(web, "😀".getBytes(StandardCharsets.UTF_8)), CitizenContact.class);
        assertTrue(read.metadata().containsKey("😀"), read.metadata().toString());
        assertEquals(read, EventSchema.CITIZEN_CONTACT.read(EventJson.write(read), CitizenContact.class), "written back and read again");
    }

    /** The contact with one more metadata entry, of that (raw UTF-8) name. */
    private static byte[] withMetadataNamed(byte[] contact, byte[] name) {
        String body = new String(contact, StandardCharsets.UTF_8);
        int metadata = body.indexOf("\"metadata\": {") + "\"metadata\": {".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body.substring(0, metadata).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'"'});
        out.writeBytes(name);
        out.writeBytes("\":\"x\",".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body.substring(metadata).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void aContactMissingFieldsOrWithBadFormatsIsRejectedNamingThem() throws IOException {
        ObjectNode contact = (ObjectNode) EventJson.parse(sample("samples/citizen-contact/web.json"));
        contact.remove("text");
        contact.put("channel", "Web Portal");
        ((ObjectNode) contact.get("citizen")).put("phone", "02 1234");
        contact.put("occurredAt", "yesterday");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventSchema.CITIZEN_CONTACT.read(EventJson.write(contact), CitizenContact.class));
        assertTrue(e.getMessage().contains("text"), e.getMessage());
        assertTrue(e.getMessage().contains("channel"), e.getMessage());
        assertTrue(e.getMessage().contains("phone"), e.getMessage());
        assertTrue(e.getMessage().contains("occurredAt"), e.getMessage());
    }

    @Test
    void routedContactValidatesTheEmbeddedContact() throws IOException {
        ObjectNode routed = (ObjectNode) EventJson.parse(sample("samples/routed-contact/web.json"));
        ((ObjectNode) routed.get("contact")).put("contactId", "not-a-uuid");
        assertTrue(EventSchema.ROUTED_CONTACT.violations(routed).stream().anyMatch(v -> v.contains("contactId")),
                EventSchema.ROUTED_CONTACT.violations(routed).toString());
    }

    @Test
    void aCaseEventCannotCarryMessageTextOrContactDetails() throws IOException {
        ObjectNode event = (ObjectNode) EventJson.parse(sample("samples/case-event/opened.json"));
        ((ObjectNode) event.get("change")).put("text", "Buongiorno, sono Giulia");
        ((ObjectNode) event.get("state")).put("phone", "+393331234567");
        var violations = EventSchema.CASE_EVENT.violations(event);
        assertTrue(violations.stream().anyMatch(v -> v.contains("text")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("phone")), violations.toString());
    }

    @Test
    void aReplyNeedsSomeoneToSendToAndFitsTheStrictestChannel() throws IOException {
        ObjectNode reply = (ObjectNode) EventJson.parse(sample("samples/reply/whatsapp.json"));
        reply.putObject("recipient");
        reply.put("text", "x".repeat(Reply.MAX_TEXT + 1));
        ((ObjectNode) reply.get("inReplyTo")).remove("occurredAt");
        var violations = EventSchema.REPLY.violations(reply);
        assertTrue(violations.stream().anyMatch(v -> v.contains("recipient")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("text")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("occurredAt")), violations.toString());
    }

    private static byte[] sample(String resource) throws IOException {
        try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
