package org.ascolto.analytics.streams;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.serialization.Deserializer;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.RoutedFacts;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads only the facts analytics counts from contact and routed-contact records, all in clear on the sealed v2 topics:
 * names, phone numbers, emails and text are sealed, and analytics holds no key to open them. A record that is not valid against its contract schema throws, and the
 * stream dead-letters it: a channel or citizen key of any length or content would otherwise become a count.
 */
final class FactsDeserializers {

    private FactsDeserializers() {
    }

    static Deserializer<ContactFacts> contacts() {
        return (topic, data) -> contactFacts(EventSchema.CITIZEN_CONTACT_V2.validTree(data));
    }

    static Deserializer<RoutedFacts> routedContacts() {
        return (topic, data) -> {
            JsonNode routed = EventSchema.ROUTED_CONTACT_V2.validTree(data);
            JsonNode routing = routed.path("routing");
            return new RoutedFacts(contactFacts(routed.path("contact")), text(routing, "category"),
                    routing.path("urgent").asBoolean(false));
        };
    }

    private static ContactFacts contactFacts(JsonNode contact) {
        try {
            return new ContactFacts(UUID.fromString(text(contact, "contactId")), text(contact, "channel"),
                    Instant.parse(text(contact, "occurredAt")), text(contact.path("citizen"), "key"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidEventException("unreadable contact: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidEventException("missing " + field);
        }
        return value.asText();
    }
}
