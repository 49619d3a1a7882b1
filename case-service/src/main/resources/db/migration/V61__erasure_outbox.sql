-- The outbox also carries erasures for crm.erasures.v1, written in the erasure's transaction and keyed by citizen key
-- (record_key; null keys a row by its case id, as before): an erasure names a citizen, and reaches no case or several.
ALTER TABLE case_event_outbox ADD COLUMN record_key varchar(128);
ALTER TABLE case_event_outbox ALTER COLUMN case_id DROP NOT NULL;
-- An erasure deletes the replies of the erased cases from the outbox: they hold the citizen's address and the text.
CREATE INDEX case_event_outbox_by_case ON case_event_outbox (case_id) WHERE topic = 'crm.replies.v1';
