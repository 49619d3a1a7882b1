-- Every reply this adapter took on, by the reply id of crm.replies.v1: claimed before the first SMTP attempt, so that a
-- redelivered record is never sent twice; the outcome is recorded when the mail server has answered.
CREATE TABLE sent_replies (
    reply_id    uuid         PRIMARY KEY,
    case_id     uuid         NOT NULL,
    state       varchar(16)  NOT NULL CHECK (state IN ('SENDING', 'SENT', 'FAILED')),
    message_id  varchar(600),
    smtp_code   integer,
    claimed_at  timestamptz  NOT NULL,
    finished_at timestamptz
);
