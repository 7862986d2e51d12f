import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDay } from '@procura/sync-service/domain/business-day';
import { desiredState } from '@procura/sync-service/projection/desired-state';
import { loadSnapshot } from '@procura/sync-service/projection/store';
import { bearerOf, callApi, type ApiAnswer } from '../helpers/api.js';
import { activeMandate, organizationsWithoutManager, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database } from '../helpers/stack.js';
import { managerRoles } from '@procura/sync-service/domain/roles';
import { membershipInForce } from '@procura/sync-service/policy/access';

/**
 * Issue 15 item 1: random sequences of the API's writes, by actors of every standing (each role,
 * a fiduciary's delegate, a person of another organization), against the real stack. After every
 * step the model's invariants hold: R13 (only a manager's write goes through), R14 (an active
 * organization keeps a manager), R15 (no right on a service not subscribed), R25 (a delegate's
 * rights within the mandate's services), R32 (a change is audited; a refusal changes nothing), and
 * the desired Keycloak state never gives a right for one organization to a person without standing
 * there. A failure prints fast-check's seed and path: `PROPERTY_SEED=<seed> PROPERTY_PATH=<path>`
 * replays it (shrunk; `PROPERTY_NO_SHRINK=1` reports the first failure as found). `npm test` runs at least `PROPERTY_STEPS` (160) steps; `npm run test:deep` 10,000.
 */

const totalSteps = Number(process.env.PROPERTY_STEPS ?? 160);
const stepsPerRun = 100;
/** Sequences of 80 to 100 steps (shrunk down to 80), enough of them to generate at least `totalSteps`. */
const minSteps = 80;
const runs = Math.max(1, Math.ceil(totalSteps / minSteps));

const roles = ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const;
const catalogue = [
  { serviceId: 'employer-inbox', rightId: 'read' },
  { serviceId: 'employer-inbox', rightId: 'archive' },
  { serviceId: 'contributions', rightId: 'read' },
  { serviceId: 'contributions', rightId: 'pay' },
  { serviceId: 'company-journal', rightId: 'read' },
];
const kinds = [
  'role',
  'rights',
  'deactivate',
  'reactivate',
  'remove',
  'hand_over',
  'invite',
  'expiry',
  'batch',
  'delegate_rights',
  'end_mandate',
  'subscribe',
] as const;

type Kind = (typeof kinds)[number];
interface Step {
  readonly kind: Kind;
  readonly actor: number;
  readonly organization: number;
  readonly target: number;
  readonly other: number;
  readonly role: (typeof roles)[number];
  readonly rights: ReadonlyArray<{ serviceId: string; rightId: string }>;
  readonly flag: boolean;
  /** 0: any actor; otherwise one of the people of the organization acted on (most steps). */
  readonly insider: number;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...kinds),
  actor: fc.nat(),
  organization: fc.nat(),
  target: fc.nat(),
  other: fc.nat(),
  role: fc.constantFrom(...roles),
  rights: fc.subarray(catalogue),
  flag: fc.boolean(),
  insider: fc.nat({ max: 3 }),
});

interface World {
  readonly organizations: readonly TestOrganization[];
  readonly fiduciary: TestOrganization;
  readonly client: TestOrganization;
  readonly mandateId: string;
  readonly actors: ReadonlyArray<{ readonly personId: string; readonly caller: { bearer: string } }>;
}

/**
 * A client A (inbox and contributions), an employer B (inbox), a fiduciary F (inbox) with a mandate
 * on A covering the inbox, and an outsider's organization O; people of each role, among whom F's
 * delegate on A.
 */
async function newWorld(): Promise<World> {
  const [a, b, f, o] = await Promise.all([
    createTestOrganization(),
    createTestOrganization(),
    createTestOrganization({ type: 'fiduciary' }),
    createTestOrganization(),
  ]);
  await subscribe(a.id, 'employer-inbox', 'contributions');
  await subscribe(b.id, 'employer-inbox');
  await subscribe(f.id, 'employer-inbox');
  const people = await Promise.all([
    createTestMember(a.id, 'legal_representative', 'p-a-rep'),
    createTestMember(a.id, 'manager', 'p-a-mgr'),
    createTestMember(a.id, 'member', 'p-a-mem'),
    createTestMember(a.id, 'observer', 'p-a-obs'),
    createTestMember(b.id, 'legal_representative', 'p-b-rep'),
    createTestMember(b.id, 'member', 'p-b-mem'),
    createTestMember(f.id, 'legal_representative', 'p-f-rep'),
    createTestMember(f.id, 'member', 'p-f-delegate'),
    createTestMember(o.id, 'legal_representative', 'p-outsider'),
  ]);
  const delegate = people[7];
  const mandateId = await activeMandate(f.id, a.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
  await database().query(`UPDATE mandate SET services = ARRAY['employer-inbox'] WHERE id = $1`, [mandateId]);
  const actors = [];
  for (const person of people) actors.push({ personId: person.personId, caller: await bearerOf(person) });
  return { organizations: [a, b, f], fiduciary: f, client: a, mandateId, actors };
}

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

async function memberships(organizationId: string): Promise<Array<{ id: string; personId: string; role: string; status: string }>> {
  const { rows } = await database().query('SELECT id, person_id AS "personId", role, status FROM membership WHERE organization_id = $1 ORDER BY id', [
    organizationId,
  ]);
  return rows;
}

/** The role in force of the person in the organization today (R18, R19), if any. */
async function roleOf(personId: string, organizationId: string): Promise<string | undefined> {
  const { rows } = await database().query<{ role: string }>(
    `SELECT role FROM membership m WHERE person_id = $1 AND organization_id = $2 AND ${membershipInForce('m', '$3')}`,
    [personId, organizationId, businessDay()],
  );
  return rows[0]?.role;
}

/** The request a step makes, and which organizations' managers may make it (R13). */
async function requestOf(world: World, step: Step): Promise<{ method: string; path: string; body?: unknown; managersOf: readonly string[] } | undefined> {
  const organization = pick(world.organizations, step.organization)!;
  const org = `/organizations/${organization.id}`;
  const all = await memberships(organization.id);
  const target = pick(all, step.target);
  const other = pick(all, step.other);
  const member = target && `${org}/members/${target.id}`;
  const only = [organization.id];
  switch (step.kind) {
    case 'role':
      return member ? { method: 'patch', path: member, body: { role: step.role }, managersOf: only } : undefined;
    case 'rights':
      return member ? { method: 'put', path: `${member}/rights`, body: { rights: step.rights }, managersOf: only } : undefined;
    case 'deactivate':
      return member ? { method: 'post', path: `${member}/deactivate`, body: {}, managersOf: only } : undefined;
    case 'reactivate':
      return member ? { method: 'post', path: `${member}/reactivate`, managersOf: only } : undefined;
    case 'remove':
      return member ? { method: 'delete', path: member, managersOf: only } : undefined;
    case 'expiry':
      return member ? { method: 'put', path: `${member}/expiry`, body: { expiresOn: step.flag ? '2031-06-30' : null }, managersOf: only } : undefined;
    case 'hand_over':
      return target ? { method: 'post', path: `${org}/hand-over`, body: { successorId: target.id }, managersOf: only } : undefined;
    case 'batch': {
      const ids = [...new Set([target?.id, other?.id].filter((id): id is string => Boolean(id)))];
      const action = (['deactivate', 'remove', 'make_manager'] as const)[step.target % 3]!;
      return ids.length ? { method: 'post', path: `${org}/members/batch`, body: { action, membershipIds: ids }, managersOf: only } : undefined;
    }
    case 'invite': {
      const role = step.role === 'legal_representative' ? 'member' : step.role;
      return {
        method: 'post',
        path: `${org}/invitations`,
        body: { email: uniqueEmail('p-invitee'), role, ...(step.flag ? { rights: step.rights } : {}) },
        managersOf: only,
      };
    }
    case 'subscribe': {
      const service = pick(['contributions', 'company-journal'], step.target)!;
      return { method: 'post', path: `${org}/services/${service}/subscription`, body: {}, managersOf: only };
    }
    case 'delegate_rights': {
      // A delegate of the mandate, or (refused) a member of the fiduciary who is not one.
      const delegates = (await database().query<{ id: string }>('SELECT membership_id AS id FROM mandate_delegate WHERE mandate_id = $1', [world.mandateId]))
        .rows;
      const delegate = pick(step.flag ? delegates : await memberships(world.fiduciary.id), step.target);
      return (
        delegate && {
          method: 'put',
          path: `/organizations/${world.fiduciary.id}/mandates/${world.mandateId}/delegates/${delegate.id}/rights`,
          body: { rights: step.rights },
          managersOf: [world.fiduciary.id],
        }
      );
    }
    case 'end_mandate': {
      const side = step.flag ? world.fiduciary : world.client;
      return { method: 'post', path: `/organizations/${side.id}/mandates/${world.mandateId}/end`, body: {}, managersOf: [side.id] };
    }
  }
}

/** What a refused request must leave as it was: the world's memberships, rights, subscriptions, mandate, delegations, invitations and audit. */
async function modelOf(world: World): Promise<string> {
  const ids = [...world.organizations.map((o) => o.id)];
  const q = async (sql: string) => (await database().query(sql, [ids])).rows;
  return JSON.stringify({
    memberships: await q(`SELECT id, person_id, role, status, expires_on FROM membership WHERE organization_id = ANY($1::uuid[]) ORDER BY id`),
    rights: await q(
      `SELECT r.* FROM membership_right r JOIN membership m ON m.id = r.membership_id WHERE m.organization_id = ANY($1::uuid[]) ORDER BY 1, 2, 3, 4`,
    ),
    subscriptions: await q(`SELECT organization_id, service_id, starts_on, ends_on FROM subscription WHERE organization_id = ANY($1::uuid[]) ORDER BY 1, 2, 3`),
    mandates: await q(`SELECT id, status, valid_until, services FROM mandate WHERE client_id = ANY($1::uuid[]) ORDER BY id`),
    delegates: await q(
      `SELECT d.mandate_id, d.membership_id FROM mandate_delegate d JOIN mandate md ON md.id = d.mandate_id WHERE md.client_id = ANY($1::uuid[]) ORDER BY 1, 2`,
    ),
    delegateRights: await q(
      `SELECT r.* FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id WHERE md.client_id = ANY($1::uuid[]) ORDER BY 1, 2, 3, 4`,
    ),
    invitations: await q(`SELECT id, status FROM invitation WHERE organization_id = ANY($1::uuid[]) ORDER BY id`),
  });
}

async function auditCount(world: World): Promise<number> {
  const { rows } = await database().query<{ n: string }>('SELECT count(*) AS n FROM audit_entry WHERE organization_id = ANY($1::uuid[])', [
    world.organizations.map((o) => o.id),
  ]);
  return Number(rows[0]!.n);
}

/** The invariants that hold after any step. */
async function checkInvariants(world: World, today: string): Promise<void> {
  const ids = world.organizations.map((o) => o.id);
  const db = database();
  // R14: an active organization keeps at least one manager in force.
  expect(await organizationsWithoutManager(ids, today), 'R14: organizations left without a manager').toEqual([]);
  // R15: no right on a service the organization does not subscribe to (delegates: the client's).
  const unsubscribed = await db.query(
    `
    SELECT m.organization_id, r.service_id FROM membership_right r JOIN membership m ON m.id = r.membership_id
     WHERE m.organization_id = ANY($1::uuid[]) AND NOT EXISTS (
       SELECT 1 FROM subscription s WHERE s.organization_id = m.organization_id AND s.service_id = r.service_id AND s.starts_on <= $2::date AND (s.ends_on IS NULL OR s.ends_on >= $2::date))
    UNION ALL
    SELECT md.client_id, r.service_id FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id
     WHERE md.client_id = ANY($1::uuid[]) AND NOT EXISTS (
       SELECT 1 FROM subscription s WHERE s.organization_id = md.client_id AND s.service_id = r.service_id AND s.starts_on <= $2::date AND (s.ends_on IS NULL OR s.ends_on >= $2::date))`,
    [ids, today],
  );
  expect(unsubscribed.rows, 'R15: rights on services not subscribed').toEqual([]);
  // R25: a delegate's rights stay within the services the mandate covers.
  const outside = await db.query(
    `
    SELECT r.service_id FROM mandate_delegate_right r JOIN mandate md ON md.id = r.mandate_id
     WHERE md.client_id = ANY($1::uuid[]) AND md.services IS NOT NULL AND NOT (r.service_id = ANY(md.services))`,
    [ids],
  );
  expect(outside.rows, 'R25: delegate rights outside the mandate').toEqual([]);
  // The desired Keycloak state: a grant group of organization X holds only people with standing in X
  // (a membership there, or a delegation on a mandate whose client is X).
  const snapshot = await loadSnapshot(db, { organizationIds: [...ids] }, today);
  const standing = new Set([
    ...snapshot.memberships.map((m) => `${m.organizationId}/${m.personId}`),
    ...snapshot.delegates.flatMap((d) => {
      const mandate = snapshot.mandates.find((md) => md.id === d.mandateId);
      const membership = snapshot.memberships.find((m) => m.id === d.membershipId);
      return mandate && membership ? [`${mandate.clientId}/${membership.personId}`] : [];
    }),
  ]);
  for (const group of desiredState(snapshot).groups) {
    for (const personId of group.members)
      expect(standing.has(`${group.organizationId}/${personId}`), `a right of ${group.organizationId} given to a person without standing there`).toBe(true);
  }
}

/** One step: the request, then what its answer may be, and what it may have changed. */
async function play(world: World, step: Step, today: string, tally: Map<string, number>): Promise<boolean> {
  const request = await requestOf(world, step);
  if (!request) return false;
  const people = new Set((await Promise.all(request.managersOf.map(memberships))).flat().map((m) => m.personId));
  const insiders = world.actors.filter((a) => people.has(a.personId));
  const actor = pick(step.insider > 0 && insiders.length > 0 ? insiders : world.actors, step.actor)!;
  const standing = await Promise.all(request.managersOf.map((id) => roleOf(actor.personId, id)));
  const mayManage = standing.some((role) => role !== undefined && (managerRoles as readonly string[]).includes(role));
  const [before, auditBefore] = [await modelOf(world), await auditCount(world)];
  const answer: ApiAnswer = await callApi(actor.caller, request.method, request.path, request.body);
  const what = `${step.kind} ${request.method.toUpperCase()} ${request.path} ${JSON.stringify(request.body ?? {})} → ${answer.status} ${JSON.stringify(answer.body)}`;
  expect(answer.status, `never a 5xx: ${what}`).toBeLessThan(500);
  const [after, auditAfter] = [await modelOf(world), await auditCount(world)];
  const outcome = answer.status >= 400 ? `${answer.status} ${answer.body?.code}` : `${step.kind} ${answer.status}`;
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
  if (answer.status >= 400) {
    expect(answer.body, `a refusal is problem+json with its code and both messages: ${what}`).toMatchObject({
      code: expect.any(String),
      messages: { fr: expect.any(String), en: expect.any(String) },
    });
    expect(after, `a refused request changed nothing: ${what}`).toBe(before);
    expect(auditAfter, `a refused request wrote no audit entry: ${what}`).toBe(auditBefore);
    return true;
  }
  // R13: only a manager of the organization (a side, for a mandate) gets a write through.
  expect(mayManage, `R13: a write by someone who manages none of ${request.managersOf.join(', ')} went through: ${what}`).toBe(true);
  // R32: what changed is audited.
  if (after !== before) expect(auditAfter, `R32: a change without its audit entry: ${what}`).toBeGreaterThan(auditBefore);
  return true;
}

describe('issue 15 item 1: the invariants hold after any sequence of writes, by anyone', () => {
  it(
    `R13, R14, R15, R25, R32: ${runs} random sequences of ${minSteps} to ${stepsPerRun} steps through the API`,
    async () => {
      let played = 0;
      let generated = 0;
      const tally = new Map<string, number>();
      const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined;
      const path = process.env.PROPERTY_PATH;
      await fc.assert(
        fc.asyncProperty(fc.array(stepArbitrary, { minLength: minSteps, maxLength: stepsPerRun }), async (steps) => {
          const world = await newWorld();
          const today = businessDay();
          generated += steps.length;
          for (const step of steps) {
            if (await play(world, step, today, tally)) played += 1;
            await checkInvariants(world, today);
          }
        }),
        {
          numRuns: runs,
          endOnFailure: Boolean(process.env.PROPERTY_NO_SHRINK),
          ...(seed !== undefined ? { seed } : {}),
          ...(path ? { path } : {}),
          verbose: fc.VerbosityLevel.Verbose,
        },
      );
      console.log(
        `issue 15 item 1: ${generated} steps generated, ${played} requests played in ${runs} sequences, invariants held after each; answers:\n${[...tally]
          .sort((x, y) => y[1] - x[1])
          .map(([k, n]) => `  ${n}\t${k}`)
          .join('\n')}`,
      );
      expect(played).toBeGreaterThan(0);
    },
    Math.max(300_000, totalSteps * 3_000),
  );
});
