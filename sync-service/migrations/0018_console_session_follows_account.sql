-- Issue 14 item 4: a console session follows its account. Keycloak's session id (the ID token's
-- `sid`, for back-channel logout), the last request (idle timeout), the last check of the account
-- in Keycloak, and whether the person belonged to an organization when the session opened (the
-- end of their last membership then ends it).
ALTER TABLE console_session
  ADD COLUMN keycloak_sid text,
  ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN checked_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN had_membership boolean NOT NULL DEFAULT true;
CREATE INDEX console_session_keycloak_sid ON console_session (keycloak_sid);
