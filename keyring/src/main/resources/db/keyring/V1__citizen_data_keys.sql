-- One data key per pseudonymous citizen key, wrapped (AES-256-GCM) by the master key. Erasing a citizen deletes the row:
-- every record sealed with that key, wherever a copy of it sits, can never be opened again. A citizen who writes after
-- an erasure gets a new row with a new key_id, which the records sealed before do not name.
CREATE TABLE citizen_data_keys (
    citizen_key text PRIMARY KEY,
    key_id      uuid NOT NULL UNIQUE,
    wrapped_key bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
