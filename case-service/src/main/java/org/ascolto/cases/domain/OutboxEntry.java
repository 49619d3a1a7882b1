package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A case event waiting in the outbox; the relay publishes it and stamps {@code publishedAt}. */
@Entity
@Table(name = "case_event_outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String type;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** The W3C trace context the event continues, relayed as its {@code traceparent} header. */
    public String traceparent;
}
