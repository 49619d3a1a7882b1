package org.ascolto.whatsapp.domain;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.CitizenContact.Attachment;
import org.ascolto.contracts.CitizenContact.Citizen;
import org.ascolto.contracts.CitizenContact.Location;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WhatsApp Cloud API notification into contacts: one per inbound message of any entry and change.
 * Delivery statuses, reactions and system messages are not contacts.
 */
@ApplicationScoped
public class WhatsAppNormalizer {

    public static final String CHANNEL = Channels.WHATSAPP;

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");
    /** Media in a notification is only an id: the Graph API serves it to the app at this address. */
    private static final String MEDIA_URL = "https://graph.facebook.com/";
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");

    private final CitizenKeys keys;

    public WhatsAppNormalizer(CitizenKeys keys) {
        this.keys = keys;
    }

    public List<CitizenContact> contacts(byte[] body, Instant receivedAt) throws IOException {
        JsonNode notification = EventJson.mapper().readTree(body);
        if (notification == null || !notification.isObject()) {
            throw new BadRequestException("A WhatsApp notification is a JSON object");
        }
        List<CitizenContact> contacts = new ArrayList<>();
        for (JsonNode entry : notification.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if ("messages".equals(change.path("field").asText())) {
                    contacts.addAll(fromChange(change.path("value"), receivedAt));
                }
            }
        }
        return contacts;
    }

    private List<CitizenContact> fromChange(JsonNode value, Instant receivedAt) {
        Map<String, String> profileNames = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            profileNames.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
        }
        String phoneNumberId = value.path("metadata").path("phone_number_id").asText(null);
        List<CitizenContact> contacts = new ArrayList<>();
        for (JsonNode message : value.path("messages")) {
            Content content = content(message);
            if (content == null) {
                continue;
            }
            String messageId = message.path("id").asText(null);
            String waId = message.path("from").asText(null);
            if (messageId == null || messageId.isBlank() || waId == null || waId.isBlank()) {
                throw new BadRequestException("Every WhatsApp message has an id and a sender");
            }
            Map<String, String> metadata = new HashMap<>(content.metadata());
            metadata.put("messageType", message.path("type").asText());
            if (phoneNumberId != null) {
                metadata.put("phoneNumberId", phoneNumberId);
            }
            if (message.hasNonNull("context")) {
                metadata.put("inReplyTo", message.path("context").path("id").asText());
            }
            contacts.add(new CitizenContact(ContactIds.of(CHANNEL, messageId), CHANNEL, messageId,
                    sentAt(message, receivedAt), receivedAt, citizen(waId, profileNames.get(waId)), null,
                    content.text(), null, content.location(), content.attachments(), waId, metadata,
                    CitizenContact.SCHEMA_VERSION));
        }
        return contacts;
    }

    /** The sender's wa_id is their phone number with its country code: the same citizen as on a phone call. */
    private Citizen citizen(String waId, String profileName) {
        return PhoneNumbers.fromInternationalDigits(waId)
                .map(e164 -> new Citizen(keys.phone(e164), profileName, e164, null, waId))
                .orElseGet(() -> new Citizen(keys.account(CHANNEL, waId), profileName, null, null, waId));
    }

    private record Content(String text, Location location, List<Attachment> attachments, Map<String, String> metadata) {

        static Content text(String text) {
            return new Content(text, null, List.of(), Map.of());
        }
    }

    /** What the citizen sent, or null for messages that are not a request (reactions, system notices, unsupported). */
    private static Content content(JsonNode message) {
        String type = message.path("type").asText();
        JsonNode body = message.path(type);
        if (MEDIA.contains(type)) {
            String caption = body.path("caption").asText(body.path("filename").asText(""));
            return new Content(caption, null, List.of(new Attachment(MEDIA_URL + body.path("id").asText(),
                    body.path("mime_type").asText(null))), Map.of());
        }
        return switch (type) {
            case "text" -> Content.text(body.path("body").asText(""));
            case "location" -> new Content(body.path("name").asText(""),
                    new Location(body.path("latitude").asDouble(), body.path("longitude").asDouble(), address(body)),
                    List.of(), Map.of());
            case "interactive" -> reply(body.path(body.path("type").asText()));
            case "button" -> new Content(body.path("text").asText(""), null, List.of(), Map.of("choice", body.path("payload").asText()));
            case "contacts" -> sharedContacts(body);
            default -> null;
        };
    }

    private static Content reply(JsonNode reply) {
        String title = reply.path("title").asText("");
        String description = reply.path("description").asText("");
        return new Content(description.isEmpty() ? title : title + " - " + description, null, List.of(),
                Map.of("choice", reply.path("id").asText()));
    }

    private static String address(JsonNode location) {
        String address = location.path("address").asText("");
        return address.isEmpty() ? null : address;
    }

    /**
     * Contact cards are third parties' names and numbers, which the city has no reason to keep: the contact says only that
     * the citizen shared some, and how many.
     */
    private static Content sharedContacts(JsonNode cards) {
        int count = cards.isArray() ? cards.size() : 0;
        return new Content(count == 1 ? "[1 contatto condiviso]" : "[" + count + " contatti condivisi]", null, List.of(),
                Map.of("sharedContacts", Integer.toString(count)));
    }

    private static Instant sentAt(JsonNode message, Instant receivedAt) {
        String seconds = message.path("timestamp").asText("");
        return EPOCH_SECONDS.matcher(seconds).matches() ? Instant.ofEpochSecond(Long.parseLong(seconds)) : receivedAt;
    }
}
