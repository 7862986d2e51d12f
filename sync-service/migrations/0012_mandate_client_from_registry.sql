-- R24, R11: a fiduciary may ask for a mandate on a client that is not on the platform yet, when the
-- official registry lists it: the request keeps the client's identifier and registry name, and
-- names its representative; the client organization is registered when the operator validates.
ALTER TABLE mandate
  ALTER COLUMN client_id DROP NOT NULL,
  ADD COLUMN client_identifier_kind text CHECK (client_identifier_kind IN ('affiliate', 'uid', 'siret', 'siren')),
  ADD COLUMN client_identifier      text,
  ADD COLUMN client_legal_name      text,
  ADD CONSTRAINT mandate_client_known CHECK (
    client_id IS NOT NULL
    OR (status IN ('requested', 'rejected') AND client_identifier IS NOT NULL AND client_identifier_kind IS NOT NULL AND client_legal_name IS NOT NULL AND client_representative IS NOT NULL)
  );
CREATE UNIQUE INDEX mandate_open_registry_client ON mandate (fiduciary_id, client_identifier) WHERE client_id IS NULL AND status = 'requested';
