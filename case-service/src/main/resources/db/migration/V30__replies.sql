-- Operators' replies to citizens, shown in the case timeline; what they write stays here and on crm.replies.v1.
CREATE TABLE case_replies (
    id          uuid PRIMARY KEY,
    case_id     uuid         NOT NULL REFERENCES cases (id),
    channel     varchar(32)  NOT NULL,
    in_reply_to uuid         NOT NULL REFERENCES case_contacts (contact_id),
    author      varchar(128) NOT NULL,
    text        text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX case_replies_by_case ON case_replies (case_id, created_at);

-- The outbox also carries the replies for crm.replies.v1, written in the transaction of the reply, so that a reply is
-- published (and then sent) once it is committed, whatever crashes in between; the relay sends each row to its topic.
ALTER TABLE case_event_outbox ADD COLUMN topic varchar(64) NOT NULL DEFAULT 'crm.case-events.v1';
ALTER TABLE case_event_outbox ALTER COLUMN topic DROP DEFAULT;
