package org.ascolto.cases.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

/** One contact of a case, from any channel; the contact id makes it unique whatever Kafka redelivers. */
@Entity
@Table(name = "case_contacts")
public class CaseContact {

    @Id
    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "case_id")
    public UUID caseId;
    public String channel;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public String subject;
    public String text;
    public String language;
    public boolean urgent;
    /** When the channel last changed the contact, if it did: its content is that version's. */
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The routed contact as received, for replay and audit. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String routed;

    /** The routed contact as stored, as a tree. */
    public JsonNode routedTree() {
        return EventJson.parse(routed.getBytes(StandardCharsets.UTF_8));
    }

    /** The routed contact as stored: the contact and the routing decision for it. */
    public RoutedContact routedContact() {
        return EventJson.convert(routedTree(), RoutedContact.class);
    }

    /** The contact as its channel's adapter published it. */
    public CitizenContact contact() {
        return routedContact().contact();
    }
}
