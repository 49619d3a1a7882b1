-- When the channel last changed a contact (an updated call record); a later version replaces the stored content.
ALTER TABLE case_contacts ADD COLUMN updated_at timestamptz;
