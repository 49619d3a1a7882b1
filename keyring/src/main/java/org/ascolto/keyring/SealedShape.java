package org.ascolto.keyring;

import java.util.List;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which fields of each record of the v2 topics are personal and travel sealed, which stay in clear; the schemas
 * ({@code *.v2.json}) list the same. A record's associated data is its shape's name, its id and its citizen key, so
 * that a sealed field moved to another record, or to another kind of record, does not open.
 */
enum SealedShape {

    CONTACT(EventSchema.CITIZEN_CONTACT_V2, EventSchema.CITIZEN_CONTACT, "/contactId", "/citizen/key",
            List.of("/schemaVersion"), contactFields("")),
    ROUTED_CONTACT(EventSchema.ROUTED_CONTACT_V2, EventSchema.ROUTED_CONTACT, "/contact/contactId", "/contact/citizen/key",
            List.of("/schemaVersion", "/contact/schemaVersion"),
            concat(contactFields("/contact"), List.of("/routing/reasons"))),
    REPLY(EventSchema.REPLY_V2, EventSchema.REPLY, "/replyId", "/citizenKey", List.of("/schemaVersion"),
            List.of("/recipient", "/text", "/inReplyTo/externalId", "/inReplyTo/conversationRef", "/inReplyTo/metadata"));

    final EventSchema sealed;
    final EventSchema opened;
    final JsonPointer recordId;
    final JsonPointer citizenKey;
    final List<JsonPointer> versions;
    /** The personal fields, each a leaf or a whole object or array. */
    final List<JsonPointer> personal;

    SealedShape(EventSchema sealed, EventSchema opened, String recordId, String citizenKey, List<String> versions,
            List<String> personal) {
        this.sealed = sealed;
        this.opened = opened;
        this.recordId = JsonPointer.compile(recordId);
        this.citizenKey = JsonPointer.compile(citizenKey);
        this.versions = versions.stream().map(JsonPointer::compile).toList();
        this.personal = personal.stream().map(JsonPointer::compile).toList();
    }

    /**
     * Whether a record has what this shape's v2 schema alone requires of it: a {@code sealed} string, schema version 2,
     * a citizen key and a record id, and none of the personal fields in clear. The rest of its schema holds of the
     * opened record too, which its v1 schema checks.
     */
    boolean isEnvelope(ObjectNode record) {
        return record.path("sealed").isTextual()
                && versions.stream().map(record::at).allMatch(version -> version.isIntegralNumber() && version.asInt() == 2)
                && CitizenContact.Citizen.isKey(record.at(citizenKey).asText(null))
                && record.at(recordId).isTextual()
                && personal.stream().allMatch(pointer -> record.at(pointer).isMissingNode());
    }

    private static List<String> contactFields(String at) {
        return List.of("/citizen/displayName", "/citizen/phone", "/citizen/email", "/citizen/channelUserId", "/externalId",
                "/subject", "/text", "/location", "/attachments", "/metadata", "/conversationRef").stream()
                .map(field -> at + field).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
