-- What became of each reply on its channel (sent, delivered, read, failed), from crm.reply-statuses.v1: one row per reply
-- and status, so a repeated receipt is held once; a receipt that arrives late (delivered after read) still joins the history.
CREATE TABLE case_reply_statuses (
    reply_id    uuid        NOT NULL REFERENCES case_replies (id),
    status      varchar(16) NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
    occurred_at timestamptz NOT NULL,
    error_code  integer,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (reply_id, status)
);
