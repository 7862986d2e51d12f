import { notFound } from '../commands/refusals.js';
import { maybeOne, type Queryable } from '../db/query.js';
import type { OrganizationView } from './schemas.js';

/** Reads of organizations for the API (the commands have their own store). */

export async function readOrganization(db: Queryable, id: string): Promise<OrganizationView> {
  const row = await maybeOne<OrganizationView>(
    db,
    `SELECT id, identifier_kind AS "identifierKind", identifier, legal_name AS "legalName", type, category, address, status,
            mail_security_key_hash IS NOT NULL AS "mailSecurityKeySet" FROM organization WHERE id = $1`,
    [id],
  );
  if (!row) throw notFound('organization', 'orgId');
  return row;
}
