package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An operator's note on a case; it stays inside the case service (case events carry only its id). */
@Entity
@Table(name = "case_notes")
public class CaseNote {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String author;
    public String text;
    @Column(name = "created_at")
    public Instant createdAt;

    static CaseNote of(UUID caseId, String author, String text, Instant at) {
        CaseNote note = new CaseNote();
        note.id = UUID.randomUUID();
        note.caseId = caseId;
        note.author = author;
        note.text = text;
        note.createdAt = at;
        return note;
    }
}
