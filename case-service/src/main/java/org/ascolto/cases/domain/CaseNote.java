package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An operator's note on a case; it stays inside the case service (case events carry only its id). */
@Entity
@Table(name = "case_notes")
public class CaseNote extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String author;
    public String text;
    @Column(name = "created_at")
    public Instant createdAt;
}
