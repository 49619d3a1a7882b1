package org.ascolto.localinfra;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;

/** Valid citizen contacts for tests, each with a fresh external id unless one is given, and their records, sealed by the keyring. */
public final class Contacts {

    private Contacts() {
    }

    public static CitizenContact contact(String channel, String citizenKey, String text) {
        return contact(channel, UUID.randomUUID().toString(), citizenKey, text);
    }

    public static CitizenContact contact(String channel, String externalId, String citizenKey, String text) {
        return contactAt(Instant.now(), channel, externalId, citizenKey, text);
    }

    /** A contact that happened and was received at the given moment, for tests that need a timeline's order. */
    public static CitizenContact contactAt(Instant at, String channel, String externalId, String citizenKey, String text) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        return new CitizenContact(ContactIds.of(channel, externalId), channel, externalId, now, now,
                new CitizenContact.Citizen(citizenKey, null, null, null, null),
                null, text, "it", null, null, null, Map.of(), CitizenContact.SCHEMA_VERSION);
    }

    /** A WhatsApp message as the adapter publishes it: from the wa_id, to the city's business number 106540352242922. */
    public static CitizenContact whatsapp(String citizenKey, String waId, String text) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String wamid = "wamid." + UUID.randomUUID();
        return new CitizenContact(ContactIds.of("whatsapp", wamid), "whatsapp", wamid, now, now,
                new CitizenContact.Citizen(citizenKey, "Giulia", "+" + waId, null, waId),
                null, text, "it", null, null, waId, Map.of("phoneNumberId", "106540352242922"), CitizenContact.SCHEMA_VERSION);
    }

    /** A pseudonymous key of the contract's shape, new for every call. */
    public static String newCitizenKey() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43);
    }

    /** The record the routing service would publish for the contact and decision; {@code seal} is the keyring's. */
    public static ProducerRecord<String, byte[]> routedRecord(CitizenContact contact, RoutingDecision decision,
            Function<RoutedContact, byte[]> seal) {
        return new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, contact.citizen().key(), seal.apply(new RoutedContact(contact, decision)),
                CloudEventHeaders.of(contact.contactId().toString(), "/ascolto/tests", RoutedContact.EVENT_TYPE,
                        contact.receivedAt(), null));
    }

    public static RoutingDecision decision(String category, boolean urgent) {
        return new RoutingDecision(category, 0.9, urgent, "it", category + "-queue", 48, java.util.List.of(), "test");
    }

    /** The record an adapter would publish for the contact; {@code seal} is the keyring's. */
    public static ProducerRecord<String, byte[]> record(CitizenContact contact, Function<CitizenContact, byte[]> seal) {
        return new ProducerRecord<>(Topics.CONTACTS, null, contact.citizen().key(), seal.apply(contact),
                TraceContext.continueInto(null, CloudEventHeaders.of(contact.contactId().toString(), "/ascolto/tests",
                        CitizenContact.EVENT_TYPE, contact.receivedAt(), null)));
    }
}
