-- The one relay at a time holds this lease and renews it each round, so that it never holds a transaction or a
-- connection while Kafka acknowledges; another instance takes over once the lease has expired.
CREATE TABLE outbox_relay_lease (
    id         integer PRIMARY KEY CHECK (id = 1),
    holder     varchar(128) NOT NULL,
    expires_at timestamptz  NOT NULL
);
INSERT INTO outbox_relay_lease (id, holder, expires_at) VALUES (1, 'nobody', '-infinity');

-- Published events are deleted after the retention; this finds them without reading the whole outbox.
CREATE INDEX case_event_outbox_published ON case_event_outbox (published_at) WHERE published_at IS NOT NULL;
