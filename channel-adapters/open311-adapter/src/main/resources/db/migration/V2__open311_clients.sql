-- The civic apps that may post requests: each has an API key, stored only as its SHA-256, revocable.
CREATE TABLE open311_clients (
    id         uuid PRIMARY KEY,
    name       varchar(200) NOT NULL,
    key_hash   char(64)     NOT NULL UNIQUE,
    created_at timestamptz  NOT NULL,
    created_by varchar(128) NOT NULL,
    revoked_at timestamptz,
    revoked_by varchar(128)
);
