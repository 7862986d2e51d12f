import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportFile } from '@procura/sync-service/imports/import-file';
import { deactivateMember } from '@procura/sync-service/members/commands';
import { endMandate } from '@procura/sync-service/mandates/commands';
import { removeDelegate } from '@procura/sync-service/mandates/delegates';
import { drainOutbox } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { importRegistry } from '@procura/sync-service/registry/import';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { loginToConsole } from '../helpers/console-session.js';
import { updateKeycloakUser } from '../helpers/keycloak-user.js';
import { activeMandate, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { serviceSession } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * Issue 15 item 5: for each way access ends, the decision endpoint, the next token of the
 * service's session (its refresh grant) and the console refuse, and how long after the change.
 * The test stack runs no background work: right after the change the outbox is drained here as
 * the worker drains it (the expiry is projected by the daily work's reconcile), so the times are
 * the change, its projection and the first refusal. Printed, and kept in docs/reliability.md.
 */

type Person = Awaited<ReturnType<typeof createTestMember>>;
interface Watched {
  readonly person: Person;
  readonly organization: TestOrganization;
  readonly session: Awaited<ReturnType<typeof serviceSession>>;
  readonly console: ApiCaller;
}

const timings: Array<{ way: string; decision: number; token: number; console: number | string }> = [];
afterAll(() => {
  console.log(
    `issue 15 item 5, ms from the change to the first refusal:\n${timings.map((t) => `  ${t.way.padEnd(28)} decision ${String(t.decision).padStart(5)}   token ${String(t.token).padStart(5)}   console ${t.console}`).join('\n')}`,
  );
});

let inbox: ApiCaller;

/** A person holding the inbox's read right for the organization, with a service session and a console session, each seen allowed first. */
async function watched(organization: TestOrganization, person: Person): Promise<Watched> {
  inbox ??= { bearer: await serviceAccessToken('employer-inbox') };
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
  const session = await serviceSession(stack(), 'employer-inbox', person);
  expect(reads(session.accessToken, organization)).toBe(true);
  expect(await decides(person, organization)).toBe(true);
  return { person, organization, session, console: { session: await loginToConsole(person) } };
}

const reads = (token: string, organization: TestOrganization): boolean =>
  ((decodePayload(token).organizations as Record<string, { rights?: string[] }> | undefined)?.[organization.identifier]?.rights ?? []).includes('read');

async function decides(person: Person, organization: TestOrganization): Promise<boolean> {
  return (
    (await callApi(inbox, 'post', '/decisions', { subject: person.keycloakId, organization: organization.identifier, right: 'read' })).body.allowed === true
  );
}

/** Milliseconds until `refused` says yes (polled every 50 ms, at most 30 s). */
async function until(what: string, refused: () => Promise<boolean>, start: number, limit = 30_000): Promise<number> {
  while (Date.now() - start < limit) {
    if (await refused()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: still allowed ${limit / 1000} s after the change`);
}

/**
 * Makes the change, then measures the three refusals; `console`: what the console may answer then
 * — 401, the session ended (no membership in force is left: decision 0038), or 404, the
 * organization is no longer the person's (`/organizations/{id}`).
 */
async function measure(way: string, w: Watched, change: () => Promise<unknown>): Promise<void> {
  const start = Date.now();
  await change();
  while ((await drainOutbox(database(), keycloakAdmin(), { organizationIds: [w.organization.id] })).applied > 0);
  const decision = await until('the decision endpoint', async () => !(await decides(w.person, w.organization)), start);
  const token = await until(
    'the next token',
    async () => {
      const next = await w.session.next();
      return 'error' in next || !reads(next.accessToken, w.organization);
    },
    start,
  );
  let last = 0;
  const consoleMs = await until(
    'the console',
    async () => {
      last = (await callApi(w.console, 'get', `/organizations/${w.organization.id}`)).status;
      return last === 401 || last === 404;
    },
    start,
  );
  timings.push({ way, decision, token, console: `${consoleMs} (${last})` });
}

async function holder(label: string): Promise<{ organization: TestOrganization; person: Person }> {
  const organization = await createTestOrganization();
  await subscribe(organization.id, 'employer-inbox');
  await createTestMember(organization.id, 'legal_representative', `${label}-rep`);
  const person = await createTestMember(organization.id, 'member', label);
  await grant(person.personId, organization.id, 'employer-inbox', 'read');
  return { organization, person };
}

describe('issue 15 item 5: every way access ends is refused by the decision endpoint, the next token and the console', () => {
  it('R18: a deactivation', async () => {
    const { organization, person } = await holder('rev-deactivated');
    const w = await watched(organization, person);
    await measure('deactivation', w, async () =>
      deactivateMember(database(), testActor, { membershipId: await membershipOf(person.personId, organization.id) }),
    );
  });

  it('R18, issue 16 item 5: a removal of the last membership (the login is disabled, the sessions end)', async () => {
    const { organization, person } = await holder('rev-removed');
    const w = await watched(organization, person);
    const manager = await createTestMember(organization.id, 'manager', 'rev-removed-mgr');
    const asManager = await bearerOf(manager);
    await measure('removal (last membership)', w, async () =>
      callApi(asManager, 'delete', `/organizations/${organization.id}/members/${await membershipOf(person.personId, organization.id)}`),
    );
  });

  it('R19: an expiry date passed (projected by the daily work)', async () => {
    const { organization, person } = await holder('rev-expired');
    const w = await watched(organization, person);
    await measure('expiry passed', w, async () => {
      await database().query(`UPDATE membership SET expires_on = current_date - 1 WHERE person_id = $1 AND organization_id = $2`, [
        person.personId,
        organization.id,
      ]);
      await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    });
  });

  it('R27: a mandate ended, and a delegate removed from one', async () => {
    for (const way of ['mandate ended', 'delegate removed'] as const) {
      const client = await createTestOrganization();
      const fiduciary = await createTestOrganization({ type: 'fiduciary' });
      await subscribe(client.id, 'employer-inbox');
      await createTestMember(fiduciary.id, 'legal_representative', 'rev-fid-rep');
      const delegate = await createTestMember(fiduciary.id, 'member', 'rev-delegate');
      const mandateId = await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
      await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [fiduciary.id] } });
      const w = await watched(client, delegate);
      await measure(way, w, async () =>
        way === 'mandate ended'
          ? endMandate(database(), testActor, { mandateId, organizationId: client.id })
          : removeDelegate(database(), testActor, { mandateId, membershipId: await membershipOf(delegate.personId, fiduciary.id) }),
      );
    }
  });

  it('R11: the organization closed by the registry', async () => {
    const { organization, person } = await holder('rev-closed');
    const w = await watched(organization, person);
    const file = join(mkdtempSync(join(tmpdir(), 'procura-revocation-')), 'registry.csv');
    writeFileSync(file, ['identifier;name;status;successor', `${organization.identifier};${organization.legalName};closed;`].join('\n'));
    await measure('closed by the registry', w, () => importRegistry(database(), { personId: null, label: 'registry test' }, readImportFile(file)));
  });

  it('the Keycloak account disabled by an administrator: the next token at once, the console once it reads the account (every 60 s, decision 0038)', async () => {
    const { organization, person } = await holder('rev-disabled');
    const w = await watched(organization, person);
    const start = Date.now();
    await updateKeycloakUser(person.keycloakId, () => ({ enabled: false }));
    while ((await drainOutbox(database(), keycloakAdmin(), { organizationIds: [w.organization.id] })).applied > 0);
    const token = await until('the next token', async () => 'error' in (await w.session.next()), start);
    // Keycloak sends no back-channel logout when an administrator disables a user: the console reads the account at most every 60 s (decision 0038).
    const consoleMs = await until('the console (401)', async () => (await callApi(w.console, 'get', '/me')).status === 401, start, 70_000);
    // The model does not hear of it: the decision endpoint answers from PostgreSQL, which still gives the right.
    const decision = (await decides(person, organization)) ? 'still allowed' : `${Date.now() - start}`;
    timings.push({ way: 'account disabled in Keycloak', decision: Number.NaN, token, console: `${consoleMs} (401); decision ${decision}` });
  }, 120_000);
});
