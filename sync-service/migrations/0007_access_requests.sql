-- R22: a person asks an organization's managers for access (member or observer); a request for
-- observer access notifies the legal representatives. One pending request per person and
-- organization; the decided ones stay as the history of who asked and who answered.
CREATE TABLE access_request (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  person_id        uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role             text NOT NULL CHECK (role IN ('member', 'observer')),
  message          text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz,
  decided_by_label text,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX access_request_pending ON access_request (organization_id, person_id) WHERE status = 'pending';
CREATE INDEX access_request_organization ON access_request (organization_id, status, created_at);
