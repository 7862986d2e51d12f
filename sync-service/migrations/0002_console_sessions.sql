-- The console's back-end-for-front-end: login attempts (state, PKCE verifier, nonce) and sessions.
-- Tokens stay here; the browser only holds an opaque, HttpOnly session cookie whose hash is stored.

CREATE TABLE login_attempt (
  state         text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  return_to     text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE console_session (
  id_hash      text PRIMARY KEY,                 -- sha256 of the cookie value
  person_id    uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  id_token     text NOT NULL,                    -- id_token_hint for the end-session request
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX console_session_person ON console_session (person_id);
