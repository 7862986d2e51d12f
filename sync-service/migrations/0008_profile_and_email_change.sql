-- R4: a person edits their own profile: civility, names, birth date, phone for contact (the
-- verified mobile for login codes is Keycloak's, set through its required action, not here).
ALTER TABLE person ADD COLUMN birth_date date;
ALTER TABLE person ADD CONSTRAINT person_civility CHECK (civility IS NULL OR civility IN ('mr', 'ms'));

-- R4: a change of login e-mail waits until the new address is verified through a single-use link
-- sent to it. The link's token is stored as its SHA-256 only, with its expiry; a newer request voids
-- the older one (kept, so that an old link says it was replaced rather than "unknown").
CREATE TABLE email_change (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  old_email     text NOT NULL,
  new_email     text NOT NULL,
  token_sha256  text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  confirmed_at  timestamptz,
  voided_at     timestamptz,
  CHECK (confirmed_at IS NULL OR voided_at IS NULL)
);
CREATE UNIQUE INDEX email_change_open ON email_change (person_id) WHERE confirmed_at IS NULL AND voided_at IS NULL;
