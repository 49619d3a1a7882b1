-- The W3C traceparent of the contact that caused a case event, relayed as the event's header; null for operators' changes.
ALTER TABLE case_event_outbox ADD COLUMN traceparent varchar(64);
