package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ascolto.contracts.Reply;

/** An operator's reply to the citizen, or Ascolto's notice, as the case timeline shows it; case events carry only its id. */
@Entity
@Table(name = "case_replies")
public class CaseReply {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String channel;
    /** The citizen's contact it answers. */
    @Column(name = "in_reply_to")
    public UUID inReplyTo;
    public String author;
    public String text;
    @Column(name = "created_at")
    public Instant createdAt;
    /** A callback task for the contact center (the citizen called): sent on no channel. */
    public boolean callback;
    /** Which notice Ascolto sent by itself (opened, waiting-citizen, resolved); null for an operator's reply. */
    public String notice;
    /** The client's name for the request that wrote it, if it gave one. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    static CaseReply of(Reply reply, boolean callback, String idempotencyKey) {
        CaseReply row = new CaseReply();
        row.id = reply.replyId();
        row.caseId = reply.caseId();
        row.channel = reply.channel();
        row.inReplyTo = reply.inReplyTo().contactId();
        row.author = reply.author();
        row.text = reply.text();
        row.createdAt = reply.createdAt();
        row.callback = callback;
        row.idempotencyKey = idempotencyKey;
        return row;
    }
}
