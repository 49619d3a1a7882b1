package org.ascolto.meta.domain;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.CitizenContact.Attachment;
import org.ascolto.contracts.CitizenContact.Citizen;
import org.ascolto.contracts.CitizenContact.Location;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Facebook Page or Instagram notification into contacts: each direct message (echoes, reads, deliveries,
 * reactions and unsent messages are not) and each comment a citizen adds (edits, removals and the account's
 * own replies are not).
 */
@ApplicationScoped
public class MetaNormalizer {

    /** Meta's {@code object} names the product the notification is about. */
    private static final Map<String, String> CHANNELS = Map.of("page", Channels.FACEBOOK, "instagram", Channels.INSTAGRAM);
    private static final Map<String, String> MEDIA_TYPES = Map.of("image", "image/*", "video", "video/*", "audio", "audio/*");
    /** Epoch values above this are milliseconds (Messenger) rather than seconds (comments). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final CitizenKeys keys;

    public MetaNormalizer(CitizenKeys keys) {
        this.keys = keys;
    }

    public List<CitizenContact> contacts(byte[] body, Instant receivedAt) throws IOException {
        JsonNode notification = EventJson.mapper().readTree(body);
        if (notification == null || !notification.isObject()) {
            throw new BadRequestException("A Meta notification is a JSON object");
        }
        String channel = CHANNELS.get(notification.path("object").asText());
        List<CitizenContact> contacts = new ArrayList<>();
        if (channel == null) {
            return contacts;
        }
        for (JsonNode entry : notification.path("entry")) {
            String accountId = entry.path("id").asText();
            for (JsonNode event : entry.path("messaging")) {
                JsonNode message = event.path("message");
                if (message.isObject() && !message.path("is_echo").asBoolean() && !message.path("is_deleted").asBoolean()) {
                    contacts.add(directMessage(channel, event, message, receivedAt));
                }
            }
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                boolean ownReply = accountId.equals(value.path("from").path("id").asText());
                if (!ownReply && Channels.FACEBOOK.equals(channel) && "feed".equals(change.path("field").asText())
                        && "comment".equals(value.path("item").asText()) && "add".equals(value.path("verb").asText())) {
                    contacts.add(pageComment(value, receivedAt));
                } else if (!ownReply && Channels.INSTAGRAM.equals(channel) && "comments".equals(change.path("field").asText())) {
                    contacts.add(instagramComment(value, entry.path("time"), receivedAt));
                }
            }
        }
        return contacts;
    }

    private CitizenContact directMessage(String channel, JsonNode event, JsonNode message, Instant receivedAt) {
        String senderId = required(event.path("sender").path("id"), "messaging[].sender.id");
        String mid = required(message.path("mid"), "message.mid");
        List<Attachment> attachments = new ArrayList<>();
        Location location = null;
        for (JsonNode attachment : message.path("attachments")) {
            JsonNode payload = attachment.path("payload");
            if (payload.has("coordinates")) {
                location = new Location(payload.path("coordinates").path("lat").asDouble(),
                        payload.path("coordinates").path("long").asDouble(), null);
            } else if (payload.hasNonNull("url")) {
                attachments.add(new Attachment(payload.path("url").asText(), MEDIA_TYPES.get(attachment.path("type").asText())));
            }
        }
        Map<String, String> metadata = new HashMap<>(Map.of("kind", "message", "recipientId", event.path("recipient").path("id").asText()));
        if (message.has("quick_reply")) {
            metadata.put("choice", message.path("quick_reply").path("payload").asText());
        }
        return new CitizenContact(ContactIds.of(channel, mid), channel, mid, instant(event.path("timestamp"), receivedAt), receivedAt,
                new Citizen(keys.account(channel, senderId), null, null, null, senderId), null,
                message.path("text").asText(""), null, location, attachments, senderId, metadata, CitizenContact.SCHEMA_VERSION);
    }

    private CitizenContact pageComment(JsonNode value, Instant receivedAt) {
        String commentId = required(value.path("comment_id"), "comment_id");
        String authorId = required(value.path("from").path("id"), "from.id");
        String postId = value.path("post_id").asText(null);
        Map<String, String> metadata = new HashMap<>(Map.of("kind", "comment"));
        if (postId != null) {
            metadata.put("postId", postId);
        }
        return new CitizenContact(ContactIds.of(Channels.FACEBOOK, commentId), Channels.FACEBOOK, commentId,
                instant(value.path("created_time"), receivedAt), receivedAt,
                new Citizen(keys.account(Channels.FACEBOOK, authorId), value.path("from").path("name").asText(null), null, null, authorId),
                null, value.path("message").asText(""), null, null, List.of(), postId, metadata, CitizenContact.SCHEMA_VERSION);
    }

    private CitizenContact instagramComment(JsonNode value, JsonNode time, Instant receivedAt) {
        String commentId = required(value.path("id"), "id");
        String authorId = required(value.path("from").path("id"), "from.id");
        String mediaId = value.path("media").path("id").asText(null);
        Map<String, String> metadata = new HashMap<>(Map.of("kind", "comment"));
        if (mediaId != null) {
            metadata.put("mediaId", mediaId);
        }
        return new CitizenContact(ContactIds.of(Channels.INSTAGRAM, commentId), Channels.INSTAGRAM, commentId, instant(time, receivedAt), receivedAt,
                new Citizen(keys.account(Channels.INSTAGRAM, authorId), value.path("from").path("username").asText(null), null, null, authorId),
                null, value.path("text").asText(""), null, null, List.of(), mediaId, metadata, CitizenContact.SCHEMA_VERSION);
    }

    private static String required(JsonNode node, String field) {
        String value = node.asText("");
        if (value.isBlank()) {
            throw new BadRequestException("Missing " + field + " in a Meta notification");
        }
        return value;
    }

    private static Instant instant(JsonNode epoch, Instant fallback) {
        if (!epoch.canConvertToLong()) {
            return fallback;
        }
        long value = epoch.asLong();
        try {
            return value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (DateTimeException beyondInstant) {
            // seconds beyond Instant's range (found by ./ascolto fuzz): no time the platform can hold, like no time given
            return fallback;
        }
    }
}
