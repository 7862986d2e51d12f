import { maybeOne, one, type Queryable } from '../db/query.js';
import type { OrganizationDetails, OrganizationStatus } from './rules.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { identifierScope } from './identifier-scope.js';

/** The organization table, for the commands. */

export interface OrganizationRow extends OrganizationDetails {
  readonly id: string;
  readonly status: OrganizationStatus;
}

const columns = `id, identifier_kind AS "identifierKind", identifier, legal_name AS "legalName", type, category, address, status`;

export function findOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  return maybeOne<OrganizationRow>(db, `SELECT ${columns} FROM organization WHERE id = $1`, [id]);
}

/**
 * The organization, its row locked until the transaction ends: commands that count its managers
 * (R14) take this lock first, so that two of them never both see the manager the other removes.
 */
export function lockOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  return maybeOne<OrganizationRow>(db, `SELECT ${columns} FROM organization WHERE id = $1 FOR UPDATE`, [id]);
}

/**
 * The organization holding this normalized identifier, whatever its kind (R6: unique across kinds).
 * Where the profile lets types share an identifier (migration 0029), `type` says whose is wanted:
 * without it, the oldest holder.
 */
export function findByIdentifier(db: Queryable, identifier: string, type?: string): Promise<{ id: string; identifierKind: string } | undefined> {
  if (type !== undefined) {
    return maybeOne(db, 'SELECT id, identifier_kind AS "identifierKind" FROM organization WHERE identifier = $1 AND identifier_scope = $2', [
      identifier,
      identifierScope(type),
    ]);
  }
  return maybeOne(db, 'SELECT id, identifier_kind AS "identifierKind" FROM organization WHERE identifier = $1 ORDER BY created_at, id LIMIT 1', [identifier]);
}

export async function insertOrganization(db: Queryable, details: OrganizationDetails): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    'INSERT INTO organization (identifier_kind, identifier, legal_name, type, category, address, identifier_scope) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [
      details.identifierKind,
      details.identifier,
      details.legalName,
      details.type,
      details.category,
      JSON.stringify(details.address),
      identifierScope(details.type),
    ],
  );
  return row.id;
}

export async function updateOrganizationDetails(db: Queryable, id: string, details: OrganizationDetails): Promise<void> {
  await db.query('UPDATE organization SET legal_name = $2, type = $3, category = $4, address = $5, identifier_scope = $6, updated_at = now() WHERE id = $1', [
    id,
    details.legalName,
    details.type,
    details.category,
    JSON.stringify(details.address),
    identifierScope(details.type),
  ]);
}

export async function updateOrganizationStatus(db: Queryable, id: string, status: OrganizationStatus): Promise<void> {
  await db.query('UPDATE organization SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
}

export async function updateOrganizationIdentifier(db: Queryable, id: string, kind: string, identifier: string): Promise<void> {
  await db.query('UPDATE organization SET identifier_kind = $2, identifier = $3, updated_at = now() WHERE id = $1', [id, kind, identifier]);
}

/** R12: the types of the other organizations this organization's members belong to. */
export async function typesHeldByMembers(db: Queryable, organizationId: string): Promise<OrganizationType[]> {
  const { rows } = await db.query<{ type: OrganizationType }>(
    `SELECT DISTINCT o.type FROM membership m JOIN membership elsewhere ON elsewhere.person_id = m.person_id AND elsewhere.organization_id <> m.organization_id
       JOIN organization o ON o.id = elsewhere.organization_id WHERE m.organization_id = $1`,
    [organizationId],
  );
  return rows.map((row) => row.type);
}
