-- Every reply this adapter took on, by the reply id of crm.replies.v1: a reply is claimed here before its first request
-- to Meta, so that a redelivered record is never sent twice; the outcome is recorded when Meta has answered.
CREATE TABLE sent_replies (
    reply_id            uuid PRIMARY KEY,
    case_id             uuid         NOT NULL,
    state               varchar(16)  NOT NULL CHECK (state IN ('SENDING', 'SENT', 'FAILED')),
    message_type        varchar(16),
    provider_message_id varchar(256),
    error_code          integer,
    claimed_at          timestamptz  NOT NULL,
    finished_at         timestamptz
);
