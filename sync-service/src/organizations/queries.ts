import { notFound } from '../commands/refusals.js';
import { maybeOne, type Queryable } from '../db/query.js';
import type { Standing } from '../policy/table.js';
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

/**
 * R13, R23: whether the organization has set a mail security key is its managers' business (they
 * set and change it); a member, an observer or a delegate does not learn how the organization's
 * invitations are guarded. Pure.
 */
export function organizationSeenBy(organization: OrganizationView, standing: Standing | null | undefined): OrganizationView {
  if (standing === 'manager') return organization;
  const { mailSecurityKeySet: _managersOnly, ...seen } = organization;
  return seen;
}
