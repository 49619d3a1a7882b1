package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ascolto.cases.domain.CaseStatus;

/** One step of a case's status history, by an operator or by the citizen's new contact. */
@Entity
@Table(name = "case_status_changes")
public class CaseStatusChange {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public CaseStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public CaseStatus toStatus;
    public String actor;
    @Column(name = "changed_at")
    public Instant changedAt;
}
