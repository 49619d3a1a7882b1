-- Who read a case's personal data or changed a case, and when: never what they read or wrote (no texts, no identifiers).
CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz  NOT NULL DEFAULT now(),
    actor   varchar(128) NOT NULL,
    action  varchar(32)  NOT NULL,
    case_id uuid,
    detail  varchar(256)
);
CREATE INDEX audit_log_by_case ON audit_log (case_id, id);
CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_time ON audit_log (at, id);
