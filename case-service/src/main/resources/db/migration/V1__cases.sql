-- Cases that operators work, and the contacts (from any channel) that make their timeline.
CREATE SEQUENCE case_reference_seq;

CREATE TABLE cases (
    id            uuid PRIMARY KEY,
    reference     varchar(32)  NOT NULL UNIQUE,
    citizen_key   varchar(128) NOT NULL,
    category      varchar(64)  NOT NULL,
    queue         varchar(64)  NOT NULL,
    priority      varchar(16)  NOT NULL,
    status        varchar(24)  NOT NULL,
    assignee      varchar(128),
    first_channel varchar(32)  NOT NULL,
    sla_due_at    timestamptz,
    opened_at     timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0
);
CREATE INDEX cases_by_citizen_category ON cases (citizen_key, category, status);

CREATE TABLE case_contacts (
    contact_id  uuid PRIMARY KEY,
    case_id     uuid         NOT NULL REFERENCES cases (id),
    channel     varchar(32)  NOT NULL,
    external_id varchar(512) NOT NULL,
    occurred_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL,
    subject     text,
    text        text         NOT NULL,
    language    varchar(8),
    urgent      boolean      NOT NULL,
    routed      jsonb        NOT NULL
);
CREATE INDEX case_contacts_by_case ON case_contacts (case_id, occurred_at);
