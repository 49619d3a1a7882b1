-- When a case's personal data was redacted (retention or erasure); a redacted contact is never revised again.
ALTER TABLE cases ADD COLUMN redacted_at timestamptz;
ALTER TABLE case_contacts ADD COLUMN redacted_at timestamptz;
-- The retention purge finds resolved cases not yet redacted without reading the others.
CREATE INDEX cases_to_redact ON cases (resolved_at) WHERE redacted_at IS NULL AND resolved_at IS NOT NULL;
-- A data-protection officer finds a citizen by the phone or email their contacts carried.
CREATE INDEX case_contacts_by_phone ON case_contacts ((routed #>> '{contact,citizen,phone}'));
CREATE INDEX case_contacts_by_email ON case_contacts ((lower(routed #>> '{contact,citizen,email}')));

-- Erasures done (Art. 17): who asked, when, by which kind of identifier and how much was redacted; never the citizen.
CREATE TABLE erasures (
    id           uuid PRIMARY KEY,
    requested_by varchar(128) NOT NULL,
    requested_at timestamptz  NOT NULL,
    identified_by varchar(16) NOT NULL,
    cases        integer      NOT NULL,
    contacts     integer      NOT NULL,
    took_ms      bigint       NOT NULL
);
