import type { Queryable } from '../db/query.js';
import { maybeOne } from '../db/query.js';
import type { ModelSnapshot } from '../projection/model.js';
import type { DecisionFacts } from './decide.js';

const emptySnapshot = (today: string): ModelSnapshot => ({
  today,
  organizations: [],
  units: [],
  subscriptions: [],
  people: [],
  memberships: [],
  rights: [],
  mandates: [],
  delegates: [],
  delegateRights: [],
});

/** Who the decision is about: the Keycloak user id (`sub` of their tokens) or the e-mail (R1: trimmed, case-insensitive). */
export type PersonReference = { readonly subject: string } | { readonly email: string };

/**
 * Reads, from PostgreSQL and nowhere else (so that a revocation counts at once, ASVS 5.0 V8.3.2),
 * the facts `decideRight` needs about one person, one organization (by its normalized identifier)
 * and one service: the organization and the fiduciaries holding a mandate on it, its units and
 * subscription, the person's memberships there and their delegations on its mandates (with the
 * fiduciary memberships they hang on), their rights on the service.
 */
export async function loadDecisionFacts(
  db: Queryable,
  question: { person: PersonReference; organization: string; serviceId: string },
  today: string,
): Promise<DecisionFacts> {
  const person = await maybeOne<{ id: string }>(
    db,
    'subject' in question.person ? 'SELECT id FROM person WHERE keycloak_user_id = $1' : 'SELECT id FROM person WHERE email_normalized = lower(btrim($1))',
    ['subject' in question.person ? question.person.subject : question.person.email],
  );
  const organization = await organizationId(db, question.organization, person?.id ?? null);
  if (!organization) return { snapshot: emptySnapshot(today), organizationId: undefined, personId: person?.id };
  return {
    snapshot: await snapshotOf(db, organization, question.serviceId, { personId: person?.id ?? null }, today),
    organizationId: organization,
    personId: person?.id,
  };
}

/**
 * Issue 16 item 10: the same facts for everyone — the people with a membership there and the
 * fiduciaries' people delegated on its mandates — for `holdersOf`.
 */
export async function loadHolderFacts(db: Queryable, question: { organization: string; serviceId: string }, today: string): Promise<DecisionFacts> {
  const organization = await organizationId(db, question.organization);
  if (!organization) return { snapshot: emptySnapshot(today), organizationId: undefined, personId: undefined };
  return { snapshot: await snapshotOf(db, organization, question.serviceId, 'everyone', today), organizationId: organization, personId: undefined };
}

/**
 * The organization the identifier names. Where the profile lets types share one (R6, migration
 * 0029), the person's: a person never acts for two organizations with one identifier (as a member
 * or a mandate's delegate); for nobody in particular, the oldest.
 */
const organizationId = async (db: Queryable, identifier: string, personId: string | null = null): Promise<string | undefined> =>
  (
    await maybeOne<{ id: string }>(
      db,
      `SELECT o.id FROM organization o WHERE o.identifier = $1
     ORDER BY EXISTS (SELECT 1 FROM membership m WHERE m.organization_id = o.id AND m.person_id = $2::uuid)
           OR EXISTS (SELECT 1 FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id JOIN membership m ON m.id = d.membership_id
                       WHERE md.client_id = o.id AND m.person_id = $2::uuid) DESC, o.created_at, o.id LIMIT 1`,
      [identifier, personId],
    )
  )?.id;

// $1 the organization, then the person ($2, or everyone when $3), then the service ($4).
const theirs = (alias: string) => `($3::boolean OR ${alias}.person_id = $2::uuid)`;
const fiduciaries = 'SELECT fiduciary_id FROM mandate WHERE client_id = $1::uuid';
const delegations = 'SELECT d.membership_id FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id WHERE md.client_id = $1::uuid';
const memberships = `SELECT id, person_id AS "personId", organization_id AS "organizationId", role, status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn"
                       FROM membership m WHERE (m.organization_id = $1::uuid OR m.id IN (${delegations})) AND ${theirs('m')}`;
// Each part's columns are named as ModelSnapshot's fields (`AS "personId"`).
const snapshotParts: Record<Exclude<keyof ModelSnapshot, 'today'>, string> = {
  organizations: `SELECT id, identifier, identifier_kind AS "identifierKind", legal_name AS "legalName", type, status FROM organization WHERE id = $1::uuid OR id IN (${fiduciaries})`,
  units: 'SELECT id, organization_id AS "organizationId", parent_unit_id AS "parentUnitId", kind, name FROM unit WHERE organization_id = $1::uuid',
  subscriptions: `SELECT organization_id AS "organizationId", service_id AS "serviceId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM subscription WHERE organization_id = $1::uuid AND service_id = $4::text`,
  people: `SELECT id, email, given_name AS "givenName", family_name AS "familyName" FROM person WHERE id IN (SELECT "personId" FROM (${memberships}) found)`,
  memberships,
  rights: `SELECT r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId", r.unit_id AS "unitId"
             FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE m.organization_id = $1::uuid AND ${theirs('m')} AND r.service_id = $4::text`,
  mandates: `SELECT id, fiduciary_id AS "fiduciaryId", client_id AS "clientId", status, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
               FROM mandate WHERE client_id = $1::uuid`,
  delegates: `SELECT d.mandate_id AS "mandateId", d.membership_id AS "membershipId"
                FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id JOIN membership m ON m.id = d.membership_id WHERE md.client_id = $1::uuid AND ${theirs('m')}`,
  delegateRights: `SELECT r.mandate_id AS "mandateId", r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId"
                     FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id JOIN membership m ON m.id = r.membership_id
                    WHERE md.client_id = $1::uuid AND ${theirs('m')} AND r.service_id = $4::text`,
};
/**
 * Issue 19 item 4: the snapshot in one statement, one round trip (and one connection from the
 * pool) instead of one per part; each part a JSON array of its rows, as its own query's rows would
 * be. Built once: it depends on no question, only its parameters do.
 */
const snapshotStatement = `SELECT json_build_object(${Object.entries(snapshotParts)
  .map(([name, sql]) => `'${name}', (SELECT coalesce(json_agg(part), '[]'::json) FROM (${sql}) part)`)
  .join(',\n')}) AS snapshot`;

/**
 * The part of the model snapshot that can give a right of the service in the organization: to one
 * person (`personId`; null: an unknown person, who gets nothing), or to `everyone`.
 */
async function snapshotOf(db: Queryable, o: string, s: string, whom: { readonly personId: string | null } | 'everyone', today: string): Promise<ModelSnapshot> {
  const { rows } = await db.query<{ snapshot: Omit<ModelSnapshot, 'today'> }>(snapshotStatement, [
    o,
    whom === 'everyone' ? null : whom.personId,
    whom === 'everyone',
    s,
  ]);
  return { today, ...rows[0]!.snapshot };
}

/**
 * Decision 0046: a service asking about another service's right (one it aggregates) learns
 * something only of organizations that subscribe to the asking service itself today.
 */
export async function subscribesToday(db: Queryable, organization: string, serviceId: string, today: string): Promise<boolean> {
  const row = await maybeOne<{ yes: boolean }>(
    db,
    `
    SELECT true AS yes FROM subscription s JOIN organization o ON o.id = s.organization_id
     WHERE o.identifier = $1 AND s.service_id = $2 AND s.starts_on <= $3::date AND (s.ends_on IS NULL OR s.ends_on >= $3::date) LIMIT 1`,
    [organization, serviceId, today],
  );
  return row?.yes === true;
}
