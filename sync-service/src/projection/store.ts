import type pg from 'pg';
import type { ModelSnapshot } from './model.js';

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * What a reconcile covers: everything, or the groups of some organizations; `people`: in these
 * other organizations, only these people's groups (decision 0018).
 */
export type Scope = { readonly all: true } | OrganizationScope;

export interface OrganizationScope {
  readonly organizationIds: readonly string[];
  readonly people?: { readonly organizationIds: readonly string[]; readonly personIds: readonly string[] };
}

export type Departed = 'all' | 'leaving' | 'none';

const inScope = (scope: Scope, column: string, parameter = '$1'): string => ('all' in scope ? 'true' : `${column} = ANY(${parameter}::uuid[])`);
const params = (scope: Scope): unknown[] => ('all' in scope ? [] : [scope.organizationIds]);

/**
 * The part of the model a reconcile of `scope` needs: its organizations and those linked to them by
 * a mandate (whose identifiers name the mandate groups, whose delegates are members), their units,
 * memberships, rights and people. `departed`: which people without a membership come too (decision
 * 0047): every one with an account (a full reconcile), those leaving the scope's organizations (a
 * scoped one), or none (a chunk of a full reconcile, decision 0068: they have a pass of their own).
 */
export async function loadSnapshot(
  db: Queryable,
  scope: Scope,
  today: string,
  departed: Departed = 'all' in scope ? 'all' : 'leaving',
): Promise<ModelSnapshot> {
  const p = params(scope);
  const linked =
    'all' in scope
      ? 'SELECT id FROM organization'
      : `SELECT id FROM organization WHERE id = ANY($1::uuid[])
       UNION SELECT fiduciary_id FROM mandate WHERE client_id = ANY($1::uuid[])
       UNION SELECT client_id FROM mandate WHERE fiduciary_id = ANY($1::uuid[]) AND client_id IS NOT NULL`;
  const [organizations, units, subscriptions, memberships, rights, mandates, delegates, delegateRights] = await Promise.all([
    db.query(
      `SELECT id, identifier, identifier_kind AS "identifierKind", identifier_scope AS "identifierScope", legal_name AS "legalName", type, status FROM organization WHERE id IN (${linked})`,
      p,
    ),
    db.query(
      `SELECT id, organization_id AS "organizationId", parent_unit_id AS "parentUnitId", kind, name FROM unit WHERE ${inScope(scope, 'organization_id')}`,
      p,
    ),
    db.query(
      `SELECT organization_id AS "organizationId", service_id AS "serviceId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM subscription WHERE organization_id IN (${linked})`,
      p,
    ),
    db.query(
      `SELECT id, person_id AS "personId", organization_id AS "organizationId", role, status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn" FROM membership WHERE organization_id IN (${linked})`,
      p,
    ),
    db.query(
      `SELECT r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId", r.unit_id AS "unitId"
                FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE ${inScope(scope, 'm.organization_id')}`,
      p,
    ),
    db.query(
      `SELECT id, fiduciary_id AS "fiduciaryId", client_id AS "clientId", status, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
                FROM mandate WHERE ${inScope(scope, 'client_id')}`,
      p,
    ),
    db.query(
      `SELECT d.mandate_id AS "mandateId", d.membership_id AS "membershipId" FROM mandate_delegate d JOIN mandate m ON m.id = d.mandate_id WHERE ${inScope(scope, 'm.client_id')}`,
      p,
    ),
    db.query(
      `SELECT r.mandate_id AS "mandateId", r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId"
                FROM mandate_delegate_right r JOIN mandate m ON m.id = r.mandate_id WHERE ${inScope(scope, 'm.client_id')}`,
      p,
    ),
  ]);
  // Issue 16 item 5 (decision 0047): the people who left the scope's organizations and whose login
  // is not yet disabled (people coming back are members again); a full reconcile takes every
  // departed person with an account, so that an account enabled by hand is disabled again.
  const others = {
    all: 'departed_at IS NOT NULL AND keycloak_user_id IS NOT NULL',
    leaving: `departed_at IS NOT NULL AND NOT login_disabled AND departed_from IN (${linked})`,
    none: 'false',
  }[departed];
  const people = await db.query(
    `SELECT id, email, given_name AS "givenName", family_name AS "familyName", departed_at IS NOT NULL AS departed, login_disabled AS "loginDisabled" FROM person
      WHERE id IN (SELECT person_id FROM membership WHERE organization_id IN (${linked})) OR (${others})`,
    p,
  );
  return {
    today,
    organizations: organizations.rows,
    units: units.rows,
    subscriptions: subscriptions.rows,
    people: people.rows,
    memberships: memberships.rows,
    rights: rights.rows,
    mandates: mandates.rows,
    delegates: delegates.rows,
    delegateRights: delegateRights.rows,
  };
}

/**
 * Decision 0068: the organizations a full reconcile goes through, by chunks of `size`: those of the
 * model and those the projection recorded groups for (an organization gone from the model leaves
 * groups to delete). Each organization is in exactly one chunk.
 */
export async function organizationChunks(db: Queryable, size: number): Promise<string[][]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organization UNION SELECT organization_id FROM projected_group ORDER BY id');
  const chunks: string[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size).map((row) => row.id));
  return chunks;
}

/**
 * Decision 0068: the people a full reconcile compares outside every organization's chunk: departed
 * people with an account and no membership left (decision 0047: their login stays disabled).
 */
export async function departedWithoutMembership(db: Queryable): Promise<ModelSnapshot['people']> {
  const { rows } = await db.query<ModelSnapshot['people'][number]>(
    `SELECT id, email, given_name AS "givenName", family_name AS "familyName", true AS departed, login_disabled AS "loginDisabled" FROM person
      WHERE departed_at IS NOT NULL AND keycloak_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM membership WHERE person_id = person.id)`,
  );
  return rows;
}

export interface RecordedGroup {
  readonly key: string;
  readonly keycloakId: string;
  readonly parentKey: string | null;
  readonly organizationId: string;
}

/** Keycloak ids of the groups the projection created, within `scope`. */
export async function recordedGroups(db: Queryable, scope: Scope): Promise<Map<string, RecordedGroup>> {
  const { rows } = await db.query<RecordedGroup>(
    `SELECT key, keycloak_id AS "keycloakId", parent_key AS "parentKey", organization_id AS "organizationId" FROM projected_group WHERE ${inScope(scope, 'organization_id')}`,
    params(scope),
  );
  return new Map(rows.map((row) => [row.key, row]));
}

/** Records the Keycloak ids of groups the projection created (or found again after a 409). */
export async function recordGroups(db: Queryable, groups: readonly RecordedGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await db.query(
    `INSERT INTO projected_group (key, keycloak_id, parent_key, organization_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[])
     ON CONFLICT (key) DO UPDATE SET keycloak_id = EXCLUDED.keycloak_id, parent_key = EXCLUDED.parent_key, updated_at = now()`,
    [groups.map((g) => g.key), groups.map((g) => g.keycloakId), groups.map((g) => g.parentKey), groups.map((g) => g.organizationId)],
  );
}

export async function forgetGroup(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM projected_group WHERE key = $1', [key]);
}

/** Keycloak user ids of the given people (those who have an account). */
export async function keycloakUserIds(db: Queryable, personIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; keycloak_user_id: string }>(
    'SELECT id, keycloak_user_id FROM person WHERE id = ANY($1::uuid[]) AND keycloak_user_id IS NOT NULL',
    [personIds],
  );
  return new Map(rows.map((row) => [row.id, row.keycloak_user_id]));
}

export async function recordKeycloakUserIds(db: Queryable, accounts: ReadonlyArray<{ personId: string; keycloakId: string }>): Promise<void> {
  if (accounts.length === 0) return;
  await db.query(
    'UPDATE person SET keycloak_user_id = a.keycloak_id FROM unnest($1::uuid[], $2::text[]) AS a (person_id, keycloak_id) WHERE person.id = a.person_id',
    [accounts.map((a) => a.personId), accounts.map((a) => a.keycloakId)],
  );
}

/** Issue 16 item 5: records the login standing the reconcile applied (disabled or not) to these people's accounts. */
export async function recordLoginStanding(db: Queryable, users: ReadonlyArray<{ personId: string; enabled?: boolean }>): Promise<void> {
  if (users.length === 0) return;
  await db.query(
    'UPDATE person SET login_disabled = s.disabled FROM unnest($1::uuid[], $2::boolean[]) AS s (person_id, disabled) WHERE person.id = s.person_id AND person.login_disabled <> s.disabled',
    [users.map((u) => u.personId), users.map((u) => u.enabled === false)],
  );
}
