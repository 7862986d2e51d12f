-- R11: the official registry's entries, as last imported (`sync-service registry import FILE`).
-- An identifier listed here is recognized at sign-up; a closed one cannot sign up; a successor says
-- the organization now goes by another identifier. Keyed by the normalized identifier, unique across
-- kinds as organizations' are (0004).
CREATE TABLE registry_entry (
  identifier           text PRIMARY KEY,
  identifier_kind      text NOT NULL CHECK (identifier_kind IN ('affiliate', 'uid', 'siret', 'siren')),
  name                 text NOT NULL CHECK (btrim(name) <> ''),
  status               text NOT NULL CHECK (status IN ('active', 'closed')),
  successor_identifier text CHECK (successor_identifier IS NULL OR successor_identifier <> identifier),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
