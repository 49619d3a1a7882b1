package org.ascolto.analytics.streams;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.serialization.Deserializer;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.RoutedFacts;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.InvalidEventException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads only the facts analytics counts from contact and routed-contact records; names, phone
 * numbers, emails and text are never read. A record without them throws, and the stream dead-letters it.
 */
final class FactsDeserializers {

    private FactsDeserializers() {
    }

    static Deserializer<ContactFacts> contacts() {
        return (topic, data) -> contactFacts(EventJson.parse(data));
    }

    static Deserializer<RoutedFacts> routedContacts() {
        return (topic, data) -> {
            JsonNode routed = EventJson.parse(data);
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
