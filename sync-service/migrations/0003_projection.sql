-- Keycloak's ids of the groups the projection manages, keyed by what they stand for, so that groups
-- are always addressed by id: never looked up by path nor found by listing (Keycloak #17645, #40242,
-- #51125). organization_id scopes a partial reconcile (the organization whose group holds it).

CREATE TABLE projected_group (
  key             text PRIMARY KEY,          -- org:<id>, unit:<id>, role:<org id>:<role>, mandate:<id>, grant:<parent key>:<service>:<right>
  keycloak_id     text NOT NULL UNIQUE,
  parent_key      text,
  organization_id uuid NOT NULL,             -- no foreign key: the group outlives a deleted row until reconciled
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projected_group_organization ON projected_group (organization_id);
