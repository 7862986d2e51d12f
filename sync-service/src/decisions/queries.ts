import type { Queryable } from '../db/query.js';
import { maybeOne } from '../db/query.js';
import type { ModelSnapshot } from '../projection/model.js';
import type { DecisionFacts } from './decide.js';

const emptySnapshot = (today: string): ModelSnapshot => ({ today, organizations: [], units: [], subscriptions: [], people: [], memberships: [], rights: [], mandates: [], delegates: [], delegateRights: [] });

/** Who the decision is about: the Keycloak user id (`sub` of their tokens) or the e-mail (R1: trimmed, case-insensitive). */
export type PersonReference = { readonly subject: string } | { readonly email: string };

/**
 * Reads, from PostgreSQL and nowhere else (so that a revocation counts at once, ASVS 5.0 V8.3.2),
 * the facts `decideRight` needs about one person, one organization (by its normalized identifier)
 * and one service: the organization and the fiduciaries holding a mandate on it, its units and
 * subscription, the person's memberships there and in those fiduciaries, their rights on the
 * service, the mandates on the organization, their delegations to the person and the rights on them.
 */
export async function loadDecisionFacts(db: Queryable, question: { person: PersonReference; organization: string; serviceId: string }, today: string): Promise<DecisionFacts> {
  const organization = await maybeOne<{ id: string }>(db, 'SELECT id FROM organization WHERE identifier = $1', [question.organization]);
  const person = await maybeOne<{ id: string }>(
    db,
    'subject' in question.person ? 'SELECT id FROM person WHERE keycloak_user_id = $1' : 'SELECT id FROM person WHERE email_normalized = lower(btrim($1))',
    ['subject' in question.person ? question.person.subject : question.person.email],
  );
  if (!organization) return { snapshot: emptySnapshot(today), organizationId: undefined, personId: person?.id };
  const o = organization.id;
  const p = person?.id ?? null;
  const s = question.serviceId;
  const rows = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;
  const fiduciaries = 'SELECT fiduciary_id FROM mandate WHERE client_id = $1';
  // One statement at a time: `db` may be one connection (a transaction), which runs them in turn anyway.
  const snapshot = {
    today,
    organizations: await rows(`SELECT id, identifier, identifier_kind AS "identifierKind", legal_name AS "legalName", type, status FROM organization WHERE id = $1 OR id IN (${fiduciaries})`, [o]),
    units: await rows('SELECT id, organization_id AS "organizationId", parent_unit_id AS "parentUnitId", kind, name FROM unit WHERE organization_id = $1', [o]),
    subscriptions: await rows(`SELECT organization_id AS "organizationId", service_id AS "serviceId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM subscription WHERE organization_id = $1 AND service_id = $2`, [o, s]),
    people: await rows(`SELECT id, email, given_name AS "givenName", family_name AS "familyName" FROM person WHERE id = $1`, [p]),
    memberships: await rows(`SELECT id, person_id AS "personId", organization_id AS "organizationId", role, status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn"
                               FROM membership WHERE person_id = $2 AND (organization_id = $1 OR organization_id IN (${fiduciaries}))`, [o, p]),
    rights: await rows(`SELECT r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId", r.unit_id AS "unitId"
                          FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE m.organization_id = $1 AND m.person_id = $2 AND r.service_id = $3`, [o, p, s]),
    mandates: await rows(`SELECT id, fiduciary_id AS "fiduciaryId", client_id AS "clientId", status, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
                            FROM mandate WHERE client_id = $1`, [o]),
    delegates: await rows(`SELECT d.mandate_id AS "mandateId", d.membership_id AS "membershipId"
                             FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id JOIN membership m ON m.id = d.membership_id WHERE md.client_id = $1 AND m.person_id = $2`, [o, p]),
    delegateRights: await rows(`SELECT r.mandate_id AS "mandateId", r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId"
                                  FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id JOIN membership m ON m.id = r.membership_id
                                 WHERE md.client_id = $1 AND m.person_id = $2 AND r.service_id = $3`, [o, p, s]),
  } as ModelSnapshot;
  return { snapshot, organizationId: o, personId: person?.id };
}

/**
 * Issue 16 item 10: the facts `holdersOf` needs about one organization and one service, for
 * everyone: the people with a membership there, and the fiduciaries' people delegated on its
 * mandates (their fiduciary membership, their delegations and rights on the service).
 */
export async function loadHolderFacts(db: Queryable, question: { organization: string; serviceId: string }, today: string): Promise<DecisionFacts> {
  const organization = await maybeOne<{ id: string }>(db, 'SELECT id FROM organization WHERE identifier = $1', [question.organization]);
  if (!organization) return { snapshot: emptySnapshot(today), organizationId: undefined, personId: undefined };
  const o = organization.id;
  const s = question.serviceId;
  const rows = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;
  const fiduciaries = 'SELECT fiduciary_id FROM mandate WHERE client_id = $1';
  const delegateMemberships = 'SELECT d.membership_id FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id WHERE md.client_id = $1';
  const memberships = `SELECT id, person_id AS "personId", organization_id AS "organizationId", role, status, to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn"
                         FROM membership WHERE organization_id = $1 OR id IN (${delegateMemberships})`;
  const snapshot = {
    today,
    organizations: await rows(`SELECT id, identifier, identifier_kind AS "identifierKind", legal_name AS "legalName", type, status FROM organization WHERE id = $1 OR id IN (${fiduciaries})`, [o]),
    units: await rows('SELECT id, organization_id AS "organizationId", parent_unit_id AS "parentUnitId", kind, name FROM unit WHERE organization_id = $1', [o]),
    subscriptions: await rows(`SELECT organization_id AS "organizationId", service_id AS "serviceId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM subscription WHERE organization_id = $1 AND service_id = $2`, [o, s]),
    people: await rows(`SELECT id, email, given_name AS "givenName", family_name AS "familyName" FROM person WHERE id IN (SELECT "personId" FROM (${memberships}) m)`, [o]),
    memberships: await rows(memberships, [o]),
    rights: await rows(`SELECT r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId", r.unit_id AS "unitId"
                          FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE m.organization_id = $1 AND r.service_id = $2`, [o, s]),
    mandates: await rows(`SELECT id, fiduciary_id AS "fiduciaryId", client_id AS "clientId", status, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil"
                            FROM mandate WHERE client_id = $1`, [o]),
    delegates: await rows(`SELECT d.mandate_id AS "mandateId", d.membership_id AS "membershipId" FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id WHERE md.client_id = $1`, [o]),
    delegateRights: await rows(`SELECT r.mandate_id AS "mandateId", r.membership_id AS "membershipId", r.service_id AS "serviceId", r.right_id AS "rightId"
                                  FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id WHERE md.client_id = $1 AND r.service_id = $2`, [o, s]),
  } as ModelSnapshot;
  return { snapshot, organizationId: o, personId: undefined };
}

/**
 * Decision 0046: a service asking about another service's right (one it aggregates) learns
 * something only of organizations that subscribe to the asking service itself today.
 */
export async function subscribesToday(db: Queryable, organization: string, serviceId: string, today: string): Promise<boolean> {
  const row = await maybeOne<{ yes: boolean }>(db, `
    SELECT true AS yes FROM subscription s JOIN organization o ON o.id = s.organization_id
     WHERE o.identifier = $1 AND s.service_id = $2 AND s.starts_on <= $3::date AND (s.ends_on IS NULL OR s.ends_on >= $3::date) LIMIT 1`, [organization, serviceId, today]);
  return row?.yes === true;
}
