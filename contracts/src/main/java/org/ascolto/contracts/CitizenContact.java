package org.ascolto.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One message of one citizen on one channel, normalized: the value of {@link Topics#CONTACTS} once opened (its personal
 * fields travel sealed: {@code schemas/citizen-contact.v2.json}).
 * Schema: {@code schemas/citizen-contact.v1.json}.
 */
public record CitizenContact(
        UUID contactId,
        String channel,
        String externalId,
        Instant occurredAt,
        Instant receivedAt,
        Citizen citizen,
        String subject,
        String text,
        String language,
        Location location,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments,
        String conversationRef,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata,
        int schemaVersion,
        Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents type of a contact record. */
    public static final String EVENT_TYPE = "crm.contact.received.v1";

    public CitizenContact {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A contact that does not change once sent: no {@code updatedAt}. */
    public CitizenContact(UUID contactId, String channel, String externalId, Instant occurredAt, Instant receivedAt,
            Citizen citizen, String subject, String text, String language, Location location, List<Attachment> attachments,
            String conversationRef, Map<String, String> metadata, int schemaVersion) {
        this(contactId, channel, externalId, occurredAt, receivedAt, citizen, subject, text, language, location, attachments,
                conversationRef, metadata, schemaVersion, null);
    }

    /** Whether this is a later version of a contact last changed at {@code stored} (null: never changed). */
    public boolean updates(Instant stored) {
        return updatedAt != null && (stored == null || updatedAt.isAfter(stored));
    }

    /** Who wrote: a pseudonymous key that is the same on every channel, plus what the channel told us. */
    public record Citizen(String key, String displayName, String phone, String email, String channelUserId) {

        /**
         * Whether a value has the shape of a pseudonymous citizen key ({@code citizen.key} of the schema:
         * {@code ^[A-Za-z0-9_-]{16,128}$}, base64url). Read a character at a time: it is asked of every record opened,
         * where the regular expression cost more than the AES that follows.
         */
        public static boolean isKey(String value) {
            if (value == null || value.length() < 16 || value.length() > 128) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                    return false;
                }
            }
            return true;
        }
    }

    public record Location(Double lat, Double lon, String address) {
    }

    public record Attachment(String url, String mediaType) {
    }
}
