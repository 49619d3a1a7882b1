-- A reply to a citizen whose latest contact was a phone call is a callback task for the contact center: it stays on the
-- case and goes to no channel.
ALTER TABLE case_replies ADD COLUMN callback boolean NOT NULL DEFAULT false;
