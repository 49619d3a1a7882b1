-- Lifecycle facts of a case, operator notes, the status history, and the outbox of case events.
ALTER TABLE cases
    ADD COLUMN resolved_at    timestamptz,
    ADD COLUMN contact_count  integer NOT NULL DEFAULT 0,
    ADD COLUMN event_sequence integer NOT NULL DEFAULT 0;
UPDATE cases c SET contact_count = (SELECT count(*) FROM case_contacts k WHERE k.case_id = c.id);
CREATE INDEX cases_by_opened_at ON cases (opened_at DESC, id DESC);
CREATE INDEX cases_by_status_opened_at ON cases (status, opened_at DESC);

CREATE TABLE case_notes (
    id         uuid PRIMARY KEY,
    case_id    uuid         NOT NULL REFERENCES cases (id),
    author     varchar(128) NOT NULL,
    text       text         NOT NULL,
    created_at timestamptz  NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id, created_at);

CREATE TABLE case_status_changes (
    id          uuid PRIMARY KEY,
    case_id     uuid         NOT NULL REFERENCES cases (id),
    from_status varchar(24)  NOT NULL,
    to_status   varchar(24)  NOT NULL,
    actor       varchar(128) NOT NULL,
    changed_at  timestamptz  NOT NULL
);
CREATE INDEX case_status_changes_by_case ON case_status_changes (case_id, changed_at);

-- Written in the transaction of the change; the relay publishes rows in position order and then stamps published_at.
CREATE TABLE case_event_outbox (
    id           uuid PRIMARY KEY,
    position     bigint GENERATED ALWAYS AS IDENTITY,
    case_id      uuid        NOT NULL,
    type         varchar(64) NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL,
    published_at timestamptz
);
CREATE INDEX case_event_outbox_pending ON case_event_outbox (position) WHERE published_at IS NULL;
