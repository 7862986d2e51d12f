-- Issue 16 item 1 (R22): a refusal says why; the reason is kept with the request and sent to the
-- person who asked. Requests answered before this migration have none.
ALTER TABLE access_request
  ADD COLUMN decision_reason text CHECK (length(decision_reason) <= 1000),
  ADD CONSTRAINT access_request_reason_on_refusal CHECK (decision_reason IS NULL OR status = 'rejected');
