package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A citizen's request as operators work it; its contacts form the timeline. */
@Entity
@Table(name = "cases")
public class CitizenCase extends PanacheEntityBase {

    @Id
    public UUID id;
    public String reference;
    @Column(name = "citizen_key")
    public String citizenKey;
    public String category;
    public String queue;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    public String assignee;
    @Column(name = "first_channel")
    public String firstChannel;
    @Column(name = "sla_due_at")
    public Instant slaDueAt;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
