package org.ascolto.phone.domain;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CitizenContact.Citizen;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;
import org.ascolto.phone.config.PhoneConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

/**
 * Amazon Connect contact trace records into contacts. Only inbound voice calls are citizens' requests; a record
 * delivered twice, or updated later, is the same contact (its ContactId), and within one request the newest
 * {@code LastUpdateTimestamp} wins; it travels as the contact's {@code updatedAt}, so that a later version replaces the
 * stored one. Fields this adapter does not know are ignored.
 */
@ApplicationScoped
public class ContactTraceRecords {

    public static final String CHANNEL = Channels.PHONE;

    private final CitizenKeys keys;
    private final PhoneConfig phone;
    private final AdapterConfig adapter;

    public ContactTraceRecords(CitizenKeys keys, PhoneConfig phone, AdapterConfig adapter) {
        this.keys = keys;
        this.phone = phone;
        this.adapter = adapter;
    }

    /** A body of one record, a JSON array of records, or records one per line (NDJSON). */
    public List<CitizenContact> contacts(byte[] body, Instant receivedAt) throws IOException {
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> values = EventJson.mapper().readerFor(JsonNode.class).readValues(body)) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                for (JsonNode record : value.isArray() ? value : List.of(value)) {
                    if (!record.isObject() || record.path("ContactId").asText("").isBlank()) {
                        throw new BadRequestException("Every contact trace record is an object with a ContactId");
                    }
                    newest.merge(record.path("ContactId").asText(), record, ContactTraceRecords::newer);
                }
            }
        }
        List<CitizenContact> contacts = new ArrayList<>();
        for (JsonNode record : newest.values()) {
            if ("VOICE".equals(record.path("Channel").asText()) && "INBOUND".equals(record.path("InitiationMethod").asText())) {
                contacts.add(contact(record, receivedAt));
            }
        }
        return contacts;
    }

    private CitizenContact contact(JsonNode record, Instant receivedAt) {
        String contactId = record.path("ContactId").asText();
        JsonNode attributes = record.path("Attributes");
        Map<String, String> metadata = new HashMap<>();
        putIfPresent(metadata, "queue", record.path("Queue").path("Name"));
        // the agent's user name is theirs to keep: supervisors still see which calls one agent took
        putIfPresent(metadata, "agent", record.path("Agent").path("Username"));
        metadata.computeIfPresent("agent", (key, name) -> keys.pseudonym("agent", name));
        putIfPresent(metadata, "ivrChoice", attributes.path(phone.ivrAttribute()));
        return new CitizenContact(ContactIds.of(CHANNEL, contactId), CHANNEL, contactId,
                instant(record.path("InitiationTimestamp"), receivedAt), receivedAt, caller(record, contactId), null,
                note(attributes), null, null, null, null, metadata, CitizenContact.SCHEMA_VERSION, lastUpdate(record));
    }

    /** The caller's number in E.164 is the same citizen as on WhatsApp; a withheld number is a citizen of this call only. */
    private Citizen caller(JsonNode record, String contactId) {
        JsonNode endpoint = record.path("CustomerEndpoint");
        return PhoneNumbers.toE164(endpoint.path("Address").asText(null), adapter.defaultPhoneRegion())
                .map(e164 -> new Citizen(keys.phone(e164), null, e164, null, null))
                .orElseGet(() -> new Citizen(keys.account(CHANNEL, contactId), null, null, null, null));
    }

    private String note(JsonNode attributes) {
        return phone.noteAttributes().stream()
                .map(key -> attributes.path(key).asText("").trim())
                .filter(note -> !note.isEmpty())
                .findFirst().orElse("");
    }

    private static void putIfPresent(Map<String, String> metadata, String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
            metadata.put(key, value.asText());
        }
    }

    /** When the contact center last changed the record (the wrap-up note comes after the call), or null when it does not say. */
    private static Instant lastUpdate(JsonNode record) {
        return instant(record.path("LastUpdateTimestamp"), null);
    }

    /** Of two versions of one record, the one last updated; the later one when neither says. */
    private static JsonNode newer(JsonNode seen, JsonNode next) {
        Instant a = lastUpdate(seen);
        Instant b = lastUpdate(next);
        return a != null && (b == null || b.isBefore(a)) ? seen : next;
    }

    private static Instant instant(JsonNode timestamp, Instant fallback) {
        try {
            return timestamp.isTextual() ? Instant.parse(timestamp.asText()) : fallback;
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
