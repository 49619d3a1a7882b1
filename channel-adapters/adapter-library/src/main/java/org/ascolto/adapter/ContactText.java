package org.ascolto.adapter;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ascolto.contracts.CitizenContact;

/**
 * What a citizen wrote, made safe to store and show before it is published: Unicode in composed form (NFC), without
 * control characters other than newline and tab (a NUL is refused by PostgreSQL), and without the bidirectional
 * embeddings, overrides and isolates that make text read otherwise than it is stored.
 */
public final class ContactText {

    private ContactText() {
    }

    /**
     * The contact with its citizen's words and names cleaned; ids, keys and channel facts as they were, but for a time
     * after its receipt (a sender's broken or hostile clock: Meta's timestamp 99999999999999), which is its receipt.
     */
    public static CitizenContact clean(CitizenContact contact) {
        CitizenContact.Citizen citizen = contact.citizen();
        CitizenContact.Location location = contact.location();
        Map<String, String> metadata = new LinkedHashMap<>();
        contact.metadata().forEach((key, value) -> metadata.put(clean(key), clean(value)));
        boolean afterReceipt = contact.occurredAt() != null && contact.receivedAt() != null
                && contact.occurredAt().isAfter(contact.receivedAt());
        return new CitizenContact(contact.contactId(), contact.channel(), contact.externalId(),
                afterReceipt ? contact.receivedAt() : contact.occurredAt(), contact.receivedAt(),
                citizen == null ? null : new CitizenContact.Citizen(citizen.key(), clean(citizen.displayName()), citizen.phone(),
                        citizen.email(), citizen.channelUserId()),
                clean(contact.subject()), clean(contact.text()), contact.language(),
                location == null ? null : new CitizenContact.Location(location.lat(), location.lon(), clean(location.address())),
                contact.attachments(), contact.conversationRef(), metadata, contact.schemaVersion(), contact.updatedAt());
    }

    /** The text in NFC without control characters (but newline and tab) or bidirectional formatting; null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.replace("\r\n", "\n").codePoints().filter(ContactText::kept).forEach(kept::appendCodePoint);
        // composed after the removal: a removed character between a letter and its accent would leave them apart
        return Normalizer.normalize(kept, Normalizer.Form.NFC);
    }

    private static boolean kept(int codePoint) {
        if (codePoint == '\n' || codePoint == '\t') {
            return true;
        }
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.SURROGATE
                && !(codePoint >= 0x202A && codePoint <= 0x202E) && !(codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
