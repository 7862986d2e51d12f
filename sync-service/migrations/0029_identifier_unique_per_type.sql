-- Issue 17, R6: a portal's profile says how unique an identifier is (`organizations.identifierUnique`).
-- Under `identifier` (today's rule, migration 0004) one normalized identifier names one organization
-- whatever its kind and type; under `identifier_and_type` (emplois-inclusion) an employer and a
-- prescriber may share one SIRET, as separate organizations with separate accounts. The sync-service
-- writes the scope at insert from the profile in force ('' or the organization's type,
-- `identifierScope`), and the database decides, so two registrations racing for one identifier
-- cannot both pass. A change of type rewrites the scope with it (a database keeps its profile, 0028).
-- What follows the organization's rule:
-- - the pending sign-up, one per identifier and scope (an employer's and a prescriber's may wait together);
-- - not the units' identifiers (a branch's own number, unique across the platform: antennas, the
--   only units that share their organization's SIRET, carry none), nor the registry (one entry per
--   identifier, what the registry says of it holds for every organization bearing it), nor the
--   mandate requests on a registry client (a fiduciary's client is created as an employer, scope fixed).
ALTER TABLE organization ADD COLUMN identifier_scope text NOT NULL DEFAULT '';
ALTER TABLE organization DROP CONSTRAINT organization_identifier_kind_identifier_key;
DROP INDEX organization_identifier;
CREATE UNIQUE INDEX organization_identifier ON organization (identifier, identifier_scope);

ALTER TABLE sign_up ADD COLUMN identifier_scope text NOT NULL DEFAULT '';
DROP INDEX sign_up_pending;
CREATE UNIQUE INDEX sign_up_pending ON sign_up (identifier, identifier_scope) WHERE status = 'pending';
