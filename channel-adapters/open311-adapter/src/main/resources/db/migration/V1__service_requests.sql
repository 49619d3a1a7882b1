-- The cases as Open311 shows them, kept from crm.case-events.v1: each row is the state after the case's newest event.
CREATE TABLE service_requests (
    case_id    uuid PRIMARY KEY,
    reference  varchar(32) NOT NULL UNIQUE,
    status     varchar(24) NOT NULL,
    category   varchar(64) NOT NULL,
    queue      varchar(64) NOT NULL,
    opened_at  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    sla_due_at timestamptz,
    sequence   integer     NOT NULL
);
CREATE INDEX service_requests_by_opened_at ON service_requests (opened_at DESC);

-- The token a civic app got for a request posted here (its contact id), and the case the request became.
CREATE TABLE request_tokens (
    token   uuid PRIMARY KEY,
    case_id uuid NOT NULL
);
