import { many, maybeOne, one, type Queryable } from '../db/query.js';
import { lockOrganization } from '../organizations/store.js';
import { notFound } from '../commands/refusals.js';
import type { OrganizationType } from '../domain/organization-types.js';
import type { Actor } from '../commands/command.js';
import { actsForPlatform } from '../commands/command.js';
import { type Acting, type MembershipState } from './rules.js';
import { managerRoles, type Role } from '../domain/roles.js';
import type { MemberRight } from '../domain/rights.js';

/** People, memberships and their rights, for the commands. */

export interface MembershipRow extends MembershipState {
  readonly organizationId: string;
  readonly personId: string;
}

const columns = `id, organization_id AS "organizationId", person_id AS "personId", role, status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn"`;

/** R1: the person of this (normalized) e-mail, created when there is none. */
export async function ensurePerson(db: Queryable, email: string, names: { givenName: string; familyName: string }): Promise<{ id: string; created: boolean }> {
  const created = await maybeOne<{ id: string }>(
    db,
    'INSERT INTO person (email, given_name, family_name) VALUES ($1, $2, $3) ON CONFLICT (email_normalized) DO NOTHING RETURNING id',
    [email, names.givenName, names.familyName],
  );
  if (created) return { id: created.id, created: true };
  const existing = await one<{ id: string }>(db, 'SELECT id FROM person WHERE email_normalized = $1', [email]);
  return { id: existing.id, created: false };
}

/**
 * R12, R6: the types and identifiers of the other organizations the person is a member of (any
 * status), the person's row locked until the transaction ends.
 */
export async function typesHeldBy(
  db: Queryable,
  personId: string,
  exceptOrganizationId: string,
): Promise<Array<{ type: OrganizationType; identifier: string }>> {
  await db.query('SELECT 1 FROM person WHERE id = $1 FOR UPDATE', [personId]);
  return many<{ type: OrganizationType; identifier: string }>(
    db,
    'SELECT DISTINCT o.type, o.identifier FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.person_id = $1 AND m.organization_id <> $2',
    [personId, exceptOrganizationId],
  );
}

export function findMembership(db: Queryable, id: string): Promise<MembershipRow | undefined> {
  return maybeOne<MembershipRow>(db, `SELECT ${columns} FROM membership WHERE id = $1`, [id]);
}

export async function isMember(db: Queryable, personId: string, organizationId: string): Promise<boolean> {
  return (await membershipIdOf(db, personId, organizationId)) !== undefined;
}

/** The person's membership of the organization, if any. */
export async function membershipIdOf(db: Queryable, personId: string, organizationId: string): Promise<string | undefined> {
  return (await maybeOne<{ id: string }>(db, 'SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [personId, organizationId]))?.id;
}

export async function insertMembership(db: Queryable, personId: string, organizationId: string, state: Omit<MembershipState, 'id'>): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    'INSERT INTO membership (person_id, organization_id, role, status, expires_on) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [personId, organizationId, state.role, state.status, state.expiresOn],
  );
  return row.id;
}

/**
 * R14 under concurrency: the membership, after its organization's row is locked, with the
 * organization's managers as they are once the lock is held. Every command that may take a manager
 * away goes through here, so two of them on one organization run one after the other.
 */
export async function lockForManagers(db: Queryable, membershipId: string): Promise<{ target: MembershipRow; managers: MembershipState[] }> {
  const found = await findMembership(db, membershipId);
  if (!found) throw notFound('membership', 'membershipId');
  await lockOrganization(db, found.organizationId);
  const rows = await many<MembershipRow>(db, `SELECT ${columns} FROM membership WHERE organization_id = $1 AND (role = ANY($2::text[]) OR id = $3)`, [
    found.organizationId,
    managerRoles,
    membershipId,
  ]);
  const target = rows.find((row) => row.id === membershipId);
  if (!target) throw notFound('membership', 'membershipId');
  return { target, managers: rows };
}

/** Who the actor is in the organization (R13): the platform, or their own in-force membership there (if any). */
export async function actingIn(db: Queryable, actor: Actor, organizationId: string, today: string): Promise<Acting> {
  if (actsForPlatform(actor)) return { platform: true, membershipId: null, role: null };
  const own = await maybeOne<{ id: string; role: Role }>(
    db,
    `SELECT id, role FROM membership WHERE person_id = $1 AND organization_id = $2 AND status = 'active' AND (expires_on IS NULL OR expires_on >= $3::date)`,
    [actor.personId, organizationId, today],
  );
  return { platform: false, membershipId: own?.id ?? null, role: own?.role ?? null };
}

export async function updateMembership(db: Queryable, state: MembershipState): Promise<void> {
  await db.query('UPDATE membership SET role = $2, status = $3, expires_on = $4, updated_at = now() WHERE id = $1', [
    state.id,
    state.role,
    state.status,
    state.expiresOn,
  ]);
}

export async function emailOf(db: Queryable, personId: string): Promise<string> {
  return (await one<{ email: string }>(db, 'SELECT email FROM person WHERE id = $1', [personId])).email;
}

/** The membership's rights, sorted (service, right, unit). */
export function rightsOf(db: Queryable, membershipId: string): Promise<MemberRight[]> {
  return many<MemberRight>(
    db,
    `SELECT service_id AS "serviceId", right_id AS "rightId", unit_id AS "unitId" FROM membership_right WHERE membership_id = $1
      ORDER BY service_id, right_id, unit_id NULLS FIRST`,
    [membershipId],
  );
}

export async function replaceRights(db: Queryable, membershipId: string, rights: readonly MemberRight[]): Promise<void> {
  await db.query('DELETE FROM membership_right WHERE membership_id = $1', [membershipId]);
  if (rights.length === 0) return;
  await db.query(
    `INSERT INTO membership_right (membership_id, service_id, right_id, unit_id)
     SELECT $1, service_id, right_id, unit_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS r (service_id, right_id, unit_id)`,
    [membershipId, rights.map((r) => r.serviceId), rights.map((r) => r.rightId), rights.map((r) => r.unitId)],
  );
}

/** The ids of the organization's units among `unitIds`. */
export async function unitsOf(db: Queryable, organizationId: string, unitIds: readonly string[]): Promise<Set<string>> {
  const rows = await many<{ id: string }>(db, 'SELECT id FROM unit WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, unitIds]);
  return new Set(rows.map((row) => row.id));
}

/** A current manager of the organization (active, unexpired): whom a recovery would replace (R30), whom the people see (R13). */
export interface CurrentManager {
  readonly membershipId: string;
  readonly personId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly role: Role;
}

const currentManagerColumns = `m.id AS "membershipId", p.id AS "personId", p.given_name AS "givenName", p.family_name AS "familyName", p.email, m.role`;
/** Memberships `m` (with their person `p`) of a manager's role (`roles`), active and unexpired on `today`: placeholders. */
export const currentManagerWhere = (today: string, roles: string) =>
  `m.role = ANY(${roles}::text[]) AND m.status = 'active' AND (m.expires_on IS NULL OR m.expires_on >= ${today}::date)`;
/** By role (legal representative first), then names. */
export const currentManagerOrder = (roles: string) => `array_position(${roles}::text[], m.role), p.family_name, p.given_name, p.email_normalized`;

/** The organization's current managers, by role then names: those a recovery may retire and tells (R30), those its people see (R13). */
export function currentManagerMemberships(db: Queryable, organizationId: string, today: string): Promise<CurrentManager[]> {
  return many<CurrentManager>(
    db,
    `SELECT ${currentManagerColumns} FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.organization_id = $1 AND ${currentManagerWhere('$2', '$3')} ORDER BY ${currentManagerOrder('$3')}`,
    [organizationId, today, managerRoles],
  );
}

/** R33: the organization's managers in force as its people see them: names, role, e-mail, nothing else. */
export async function managersShown(
  db: Queryable,
  organizationId: string,
  today: string,
): Promise<Array<{ givenName: string; familyName: string; email: string; role: Role }>> {
  return (await currentManagerMemberships(db, organizationId, today)).map(({ givenName, familyName, email, role }) => ({ givenName, familyName, email, role }));
}

/** The organization's current managers with their roles (R22: who is told of a request). */
export function managersWithRoles(db: Queryable, organizationId: string, today: string): Promise<Array<{ email: string; role: Role }>> {
  return many(
    db,
    `SELECT p.email, m.role FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.organization_id = $1 AND m.role = ANY($2::text[]) AND m.status = 'active' AND (m.expires_on IS NULL OR m.expires_on >= $3::date)
      ORDER BY p.email_normalized`,
    [organizationId, managerRoles, today],
  );
}

/** The current managers of an organization (active, unexpired) and their e-mails. */
export function currentManagers(db: Queryable, organizationId: string, today: string): Promise<Array<{ personId: string; email: string }>> {
  return many(
    db,
    `SELECT p.id AS "personId", p.email FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.organization_id = $1 AND m.role = ANY($3::text[]) AND m.status = 'active'
        AND (m.expires_on IS NULL OR m.expires_on >= $2::date)
      ORDER BY p.email_normalized`,
    [organizationId, today, managerRoles],
  );
}
