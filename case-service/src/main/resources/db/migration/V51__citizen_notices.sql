-- Notices Ascolto sends by itself (a new case's receipt, waiting for the citizen, resolved) are replies on the timeline
-- whose kind is named here; an operator's reply has none.
ALTER TABLE case_replies ADD COLUMN notice varchar(32);

-- Citizens who want no notices, by citizen key (personal data: an erasure of the citizen deletes their row). Set by the
-- citizen answering a stop word on their channel, or by an operator for them; a start word or the operator removes it.
CREATE TABLE notice_opt_outs (
    citizen_key   varchar(128) PRIMARY KEY,
    opted_out_at  timestamptz  NOT NULL,
    opted_out_by  varchar(128) NOT NULL
);
