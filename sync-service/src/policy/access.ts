import { notFound } from '../commands/refusals.js';
import { isUuid, one, type Queryable } from '../db/query.js';
import type { Role } from '../domain/roles.js';
import type { OrganizationStatus } from '../organizations/rules.js';
import { businessDay } from '../domain/business-day.js';
import type { Access } from './decide.js';
import { standingOf } from './standing.js';

/** The caller's access to a target, as the policy needs it, with how the audit names the caller. */
export interface CallerAccess extends Access {
  readonly callerLabel: string;
  /** The target organization's status (R11): writes on one not active are refused (issue 14 item 9). */
  readonly organizationStatus?: OrganizationStatus;
}

/**
 * Reads, in one query, the caller's standing in `organizationId` (active, unexpired membership;
 * or delegate of an active mandate in force today, through an active fiduciary membership, R25,
 * R27) and whether `membershipId` is theirs. An id that is not even a UUID is answered like an id
 * that does not exist. A membership of another organization is not found (404), as a missing one.
 */
export async function readAccess(db: Queryable, personId: string, organizationId: string, membershipId: string | undefined): Promise<CallerAccess> {
  if (!isUuid(organizationId)) return { standing: null, self: false, callerLabel: '' };
  const target = membershipId !== undefined && isUuid(membershipId) ? membershipId : null;
  const row = await one<{
    role: Role | null;
    delegate: boolean;
    email: string;
    target_person: string | null;
    target_found: boolean;
    organization_status: OrganizationStatus | null;
  }>(db, sql, [personId, organizationId, businessDay(), target]);
  const standing = standingOf(row.role, row.delegate);
  if (standing !== null && membershipId !== undefined && !row.target_found) throw notFound('membership', 'membershipId');
  return { standing, self: row.target_person === personId, callerLabel: row.email, organizationStatus: row.organization_status ?? 'active' };
}

/** SQL: membership `alias` is in force on the date placeholder `day` (active, unexpired). */
export const membershipInForce = (alias: string, day: string) =>
  `${alias}.status = 'active' AND (${alias}.expires_on IS NULL OR ${alias}.expires_on >= ${day}::date)`;
/** SQL: mandate `alias` is in force on the date placeholder `day` (R27: active, within its dates). */
export const mandateInForce = (alias: string, day: string) =>
  `${alias}.status = 'active' AND (${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${day}::date) AND (${alias}.valid_until IS NULL OR ${alias}.valid_until >= ${day}::date)`;
const inForce = (alias: string) => membershipInForce(alias, '$3');

const sql = `
  SELECT
    (SELECT m.role FROM membership m WHERE m.person_id = $1 AND m.organization_id = $2 AND ${inForce('m')}) AS role,
    EXISTS (
      SELECT 1 FROM mandate md
        JOIN mandate_delegate d ON d.mandate_id = md.id
        JOIN membership f ON f.id = d.membership_id
       WHERE md.client_id = $2 AND ${mandateInForce('md', '$3')}
         AND f.person_id = $1 AND f.organization_id = md.fiduciary_id AND ${inForce('f')}
    ) AS delegate,
    (SELECT email FROM person WHERE id = $1) AS email,
    (SELECT status FROM organization WHERE id = $2) AS organization_status,
    t.person_id AS target_person,
    t.id IS NOT NULL AS target_found
  FROM (SELECT 1) AS one
  LEFT JOIN membership t ON t.id = $4::uuid AND t.organization_id = $2`;
