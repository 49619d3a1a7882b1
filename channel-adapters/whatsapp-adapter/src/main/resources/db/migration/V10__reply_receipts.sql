-- Meta's delivery receipts name the message it accepted, by the id it answered: find the reply of a receipt by it.
CREATE INDEX sent_replies_by_provider_message ON sent_replies (provider_message_id) WHERE provider_message_id IS NOT NULL;
