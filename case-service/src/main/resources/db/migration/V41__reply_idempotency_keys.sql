-- An operator's client names each reply with an Idempotency-Key: the same key on the same case is the same reply, never a
-- second message to the citizen (a double click, a retried request).
ALTER TABLE case_replies ADD COLUMN idempotency_key varchar(128);
CREATE UNIQUE INDEX case_replies_by_idempotency_key ON case_replies (case_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
