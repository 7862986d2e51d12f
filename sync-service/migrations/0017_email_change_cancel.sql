-- Issue 14 item 7: the old address is told of a change of login e-mail when it is asked, with a link
-- that cancels it; a cancelled change is voided and says so.
ALTER TABLE email_change
  ADD COLUMN cancel_token_sha256 text UNIQUE CHECK (cancel_token_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN cancelled_at timestamptz,
  ADD CHECK (cancelled_at IS NULL OR voided_at IS NOT NULL);
