-- R10: an organization signs itself up: identifier (recognized by the registry, R11), legal name,
-- type, and its representative (names, function, e-mail). The operator validates (R31): the
-- organization is created and the representative invited; or rejects, saying why. Where the
-- organization type is configured so, the sign-up is approved at once. One pending sign-up per
-- identifier; decided ones stay as history.
CREATE TABLE sign_up (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identifier_kind  text NOT NULL CHECK (identifier_kind IN ('affiliate', 'uid', 'siret', 'siren')),
  identifier       text NOT NULL,
  legal_name       text NOT NULL CHECK (btrim(legal_name) <> ''),
  registry_name    text NOT NULL,
  type             text NOT NULL CHECK (type IN ('employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other')),
  representative   jsonb NOT NULL,                 -- {"givenName", "familyName", "function", "email"}
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  organization_id  uuid REFERENCES organization (id) ON DELETE SET NULL,
  decision_reason  text,
  decided_by_label text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
);
CREATE UNIQUE INDEX sign_up_pending ON sign_up (identifier) WHERE status = 'pending';
CREATE INDEX sign_up_queue ON sign_up (created_at) WHERE status = 'pending';
