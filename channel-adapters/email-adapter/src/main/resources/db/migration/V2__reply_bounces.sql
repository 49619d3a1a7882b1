-- The provider's code of a failure is error_code in every adapter's sent_replies (the adapter library fails abandoned
-- sends by it): an SMTP reply code here, from the mail server's refusal or from a bounce's delivery status.
ALTER TABLE sent_replies RENAME COLUMN smtp_code TO error_code;
-- A bounce names the Message-ID of the reply it returns: found by it.
CREATE INDEX sent_replies_by_message_id ON sent_replies (message_id);
