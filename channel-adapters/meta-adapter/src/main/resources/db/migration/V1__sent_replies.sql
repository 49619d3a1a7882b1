-- Every reply this adapter took on, by the reply id of crm.replies.v1: a reply is claimed here before its first request
-- to Meta, so that a redelivered record is never sent twice; the outcome is recorded when Meta has answered.
CREATE TABLE sent_replies (
    reply_id            uuid PRIMARY KEY,
    case_id             uuid         NOT NULL,
    channel             varchar(32)  NOT NULL,
    state               varchar(16)  NOT NULL CHECK (state IN ('SENDING', 'SENT', 'FAILED')),
    -- response, human_agent or private_reply
    message_type        varchar(16),
    provider_message_id varchar(256),
    -- the citizen's pseudonymous key on the channel (never the page-scoped id): Messenger's read receipts name only
    -- the citizen and a time
    recipient_key       varchar(128),
    error_code          integer,
    error_subcode       integer,
    claimed_at          timestamptz  NOT NULL,
    finished_at         timestamptz,
    delivered_at        timestamptz,
    read_at             timestamptz
);
-- Meta's delivery and read receipts name the message it accepted, by the id it answered, or the citizen it went to.
CREATE INDEX sent_replies_by_provider_message ON sent_replies (provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX sent_replies_by_recipient ON sent_replies (recipient_key, finished_at) WHERE state = 'SENT';
