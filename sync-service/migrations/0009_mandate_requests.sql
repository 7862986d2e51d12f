-- R24, R30: documents filed with a request (a power of attorney, a recovery's supporting papers),
-- kept whole with their SHA-256 so that a decision can always be traced to the exact file the
-- operator saw. PDF, PNG or JPEG only, checked by content (documents/rules.ts), 5 MiB at most.
CREATE TABLE document (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filename    text NOT NULL CHECK (btrim(filename) <> ''),
  media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  byte_size   integer NOT NULL CHECK (byte_size > 0 AND byte_size <= 5242880),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = byte_size)
);

-- R24: who asked, and, when the client has no access yet, its representative to invite once the
-- operator validates ({"givenName", "familyName", "email"}); the invitation made then.
ALTER TABLE mandate
  ADD COLUMN requested_by_person_id uuid REFERENCES person (id) ON DELETE SET NULL,
  ADD COLUMN client_representative  jsonb,
  ADD COLUMN decided_by_label       text;
CREATE INDEX mandate_requested ON mandate (created_at) WHERE status = 'requested';
