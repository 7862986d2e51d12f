import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { registerOrganization } from '@procura/sync-service/organizations/commands';
import { orgKey } from '@procura/sync-service/projection/desired-state';
import { loadProfile, withPortal, type Profile } from '@procura/sync-service/profile/profile';
import { drainOutbox } from '@procura/sync-service/projection/outbox-worker';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { activeMandate, grant, projectedGroupId, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { registeredSiret } from '../helpers/registry.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { repoRoot } from '../harness/paths.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * R6 (issue 17): under a profile whose `organizations.identifierUnique` is `identifier_and_type`
 * (emplois-inclusion), an employer and a prescriber share one SIRET as two organizations, each with
 * its own Keycloak group and its own people; the same type twice, or any second holder under the
 * default profile, is refused; and no person ever acts for two organizations with one identifier.
 */

let perType: OwnApp;
let perTypeProfile: Profile;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'procura-identifiers-'));
  const profile = JSON.parse(readFileSync(join(repoRoot, 'sync-service/profiles/procura.json'), 'utf8')) as { organizations: Record<string, unknown> };
  profile.organizations = { ...profile.organizations, identifierUnique: 'identifier_and_type', signUpAtOnce: ['employer', 'prescriber'] };
  writeFileSync(join(folder, 'per-type.json'), JSON.stringify(profile));
  perTypeProfile = loadProfile({ PROCURA_PROFILE: join(folder, 'per-type.json') });
  perType = await startOwnApp({ PROCURA_PROFILE: join(folder, 'per-type.json') });
}, 120_000);

afterAll(async () => {
  await perType?.close();
});

const form = (identifier: string, type: string) => ({
  identifier,
  type,
  legalName: `Structure ${type}`,
  representative: { givenName: 'Inès', familyName: 'Morel', function: 'Directrice', email: uniqueEmail(type) },
});

async function signUpAt(base: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/sign-ups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const organizationsBearing = async (identifier: string) =>
  (await database().query<{ id: string; type: string }>('SELECT id, type FROM organization WHERE identifier = $1 ORDER BY type', [identifier])).rows;

/** An employer and a prescriber signed up (at once, per the profile) with one new SIRET. */
async function employerAndPrescriber(): Promise<{ siret: string; employer: { id: string }; prescriber: { id: string } }> {
  const siret = await registeredSiret();
  for (const type of ['employer', 'prescriber']) expect((await signUpAt(perType.base, form(siret, type))).status).toBe(201);
  const [employer, prescriber] = await organizationsBearing(siret);
  return { siret, employer: employer!, prescriber: prescriber! };
}

/** Applies what the commands asked of the projection, as the outbox worker does, until none of these organizations' rows is left. */
async function project(organizationIds: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    while ((await drainOutbox(database(), keycloakAdmin(), { organizationIds })).applied > 0);
    const { rows } = await database().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'projection' AND processed_at IS NULL AND aggregate_id = ANY($1::text[])`,
      [organizationIds],
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0]!.n} projection rows still unprocessed after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const inboxClaims = async (person: { email: string; password: string }) =>
  (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)) as { organizations?: Record<string, { rights?: string[] }> }).organizations;

describe('R6: identifiers unique per identifier and type where the profile says so', () => {
  it('an employer and a prescriber sign up with one SIRET: two organizations, two Keycloak groups, each member acting for their own', async () => {
    const siret = await registeredSiret();
    expect(await signUpAt(perType.base, form(siret, 'employer'))).toMatchObject({ status: 201, body: { status: 'approved' } });
    expect(await signUpAt(perType.base, form(siret, 'prescriber'))).toMatchObject({ status: 201, body: { status: 'approved' } });
    expect(await signUpAt(perType.base, form(siret, 'employer'))).toMatchObject({
      status: 409,
      body: { code: 'sign_up.already_registered', field: '/identifier' },
    });
    const bearing = await organizationsBearing(siret);
    expect(bearing.map((o) => o.type)).toEqual(['employer', 'prescriber']);
    const [employer, prescriber] = [bearing[0]!, bearing[1]!];

    const employee = await createTestMember(employer.id, 'member', 'employee');
    const counsellor = await createTestMember(prescriber.id, 'member', 'counsellor');
    await subscribe(employer.id, 'employer-inbox');
    await subscribe(prescriber.id, 'employer-inbox');
    await grant(employee.personId, employer.id, 'employer-inbox', 'read');
    await grant(counsellor.personId, prescriber.id, 'employer-inbox', 'archive');
    await project([employer.id, prescriber.id]);

    const groups = await Promise.all([employer, prescriber].map(async (o) => keycloakAdmin().getGroup((await projectedGroupId(orgKey(o.id)))!)));
    expect(groups.map((group) => group?.name)).toEqual([`${siret} employer`, `${siret} prescriber`]);
    expect(groups.map((group) => group?.attributes['procura.identifier'])).toEqual([[siret], [siret]]);
    expect(await inboxClaims(employee)).toEqual({ [siret]: { rights: ['read'] } });
    expect(await inboxClaims(counsellor)).toEqual({ [siret]: { rights: ['archive'] } });

    // The decision endpoint names the organization by its identifier too: each person's is theirs.
    const inbox = { bearer: await serviceAccessToken('employer-inbox') };
    const ask = async (person: { keycloakId: string }, right: string) =>
      (await callApi(inbox, 'post', '/decisions', { subject: person.keycloakId, organization: siret, right })).body;
    expect(await ask(employee, 'read')).toEqual({ allowed: true, reason: 'membership', scope: 'organization' });
    expect(await ask(employee, 'archive')).toEqual({ allowed: false, reason: 'no_right' });
    expect(await ask(counsellor, 'archive')).toEqual({ allowed: true, reason: 'membership', scope: 'organization' });
    expect(await ask(counsellor, 'read')).toEqual({ allowed: false, reason: 'no_right' });
  }, 120_000);

  it('a fiduciary employee who is a member of the prescriber cannot be made a delegate of a mandate on the employer with the same SIRET', async () => {
    const { employer, prescriber } = await employerAndPrescriber();
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const counsellor = await createTestMember(prescriber.id, 'member', 'counsellor');
    await addMember(database(), testActor, { organizationId: fiduciary.id, email: counsellor.email, role: 'member', status: 'active' });
    await expect(activeMandate(fiduciary.id, employer.id, [{ personId: counsellor.personId, rights: [] }])).rejects.toMatchObject({
      code: 'membership.identifier_held',
      status: 409,
      field: '/membershipId',
    });
    expect(
      (await database().query('SELECT 1 FROM mandate_delegate d JOIN mandate m ON m.id = d.mandate_id WHERE m.client_id = $1', [employer.id])).rowCount,
    ).toBe(0);
  }, 120_000);

  it('R6, R12: a person of one of them invited into the other is refused: one account acts for one organization per identifier', async () => {
    const { employer, prescriber } = await employerAndPrescriber();
    const employee = await createTestMember(employer.id, 'member', 'employee');
    const manager = await createTestMember(prescriber.id, 'manager', 'manager');
    const invited = await callApi(await bearerOf(manager), 'post', `/organizations/${prescriber.id}/invitations`, {
      email: employee.email,
      givenName: 'Camille',
      familyName: 'Test',
      role: 'member',
    });
    expect(invited).toMatchObject({ status: 409, body: { code: 'membership.identifier_held', field: '/email' } });
    expect(invited.body.messages.fr).toContain('un autre compte, avec une autre adresse e-mail');
    const memberships = await database().query('SELECT 1 FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email_normalized = $1', [
      employee.email,
    ]);
    expect(memberships.rowCount).toBe(1);
  }, 120_000);

  it('two registrations racing for one SIRET and one type: the database lets one through; another type at the same time passes', async () => {
    const siret = await registeredSiret();
    const register = (type: 'employer' | 'prescriber') =>
      withPortal(perTypeProfile, () =>
        registerOrganization(database(), testActor, { identifierKind: 'siret', identifier: siret, legalName: `Structure ${type}`, type }),
      );
    const outcomes = await Promise.allSettled([register('employer'), register('employer'), register('prescriber')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'organization.identifier_taken', status: 409 } });
    expect((await organizationsBearing(siret)).map((o) => o.type)).toEqual(['employer', 'prescriber']);
  });

  it('under the default profile a second organization of another type with the same SIRET is refused, as before', async () => {
    const siret = await registeredSiret();
    await registerOrganization(database(), testActor, { identifierKind: 'siret', identifier: siret, legalName: 'Employeur SA', type: 'employer' });
    expect(await callApi('anonymous', 'post', '/sign-ups', form(siret, 'prescriber'))).toMatchObject({
      status: 409,
      body: { code: 'sign_up.already_registered', field: '/identifier' },
    });
    await expect(
      registerOrganization(database(), testActor, { identifierKind: 'siret', identifier: siret, legalName: 'Prescripteur', type: 'prescriber' }),
    ).rejects.toMatchObject({ code: 'organization.identifier_taken', status: 409 });
    expect(await organizationsBearing(siret)).toHaveLength(1);
  });
});
