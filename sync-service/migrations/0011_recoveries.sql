-- R30: an organization with no manager left recovers through a request with supporting documents
-- (commerce register extract, signed letter…, stored in `document`); the operator appoints the
-- requester as its new legal representative, or rejects, saying why. One pending request per
-- organization; decided ones stay as history.
CREATE TABLE recovery_request (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id    uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  requester          jsonb NOT NULL,               -- {"givenName", "familyName", "function", "email"}
  message            text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  document_ids       uuid[] NOT NULL CHECK (cardinality(document_ids) BETWEEN 1 AND 5),
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'appointed', 'rejected')),
  membership_id      uuid REFERENCES membership (id) ON DELETE SET NULL,
  decision_reason    text,
  decided_by_label   text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
);
CREATE UNIQUE INDEX recovery_request_pending ON recovery_request (organization_id) WHERE status = 'pending';
CREATE INDEX recovery_request_queue ON recovery_request (created_at) WHERE status = 'pending';
