import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passesLuhn } from '@procura/sync-service/organizations/check-digits';
import { upsertEntry } from '@procura/sync-service/registry/store';
import { bearerOf, callApi, type ApiAnswer, type ApiCaller } from '../helpers/api.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueSiren } from '../helpers/organizations.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { callAt } from '../helpers/profile-app.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 17 item 4: each shipped portal's distinguishing rules, played through the API of an app
 * serving that portal's own profile (`PROCURA_PROFILE=<name>`), as its document describes them.
 * portal-rules.test.ts shows each switch alone; here are the five portals as shipped.
 */
const apps = new Map<string, OwnApp>();
beforeAll(async () => {
  for (const name of ['fer-ge', 'ge-edemarches', 'fafiec', 'emplois-inclusion', 'peps']) apps.set(name, await startOwnApp({ PROCURA_PROFILE: name }));
}, 120_000);
afterAll(async () => {
  for (const app of apps.values()) await app.close();
});

function call(portal: string, caller: ApiCaller, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  return callAt(apps.get(portal)!.base, caller, method, path, body);
}

describe('the five portals, each under its own profile', () => {
  it('emplois-inclusion: « Tous les membres du tableau de bord » invite a colleague; on fer-ge a member cannot', async () => {
    const organization = await createTestOrganization();
    const asMember = await bearerOf(await createTestMember(organization.id, 'member'));
    const path = `/organizations/${organization.id}/invitations`;
    const colleague = uniqueEmail('colleague');
    expect(await call('fer-ge', asMember, 'post', path, { email: colleague, role: 'member' })).toMatchObject({ status: 403 });
    expect(await call('emplois-inclusion', asMember, 'post', path, { email: colleague, role: 'member' })).toMatchObject({
      status: 201,
      body: { invitation: { email: colleague } },
    });
  });

  it("ge-edemarches: a manager cannot change the address (« ne peuvent pas être modifiées … l'adresse »), nothing changes; on peps the administrator can", async () => {
    const organization = await createTestOrganization();
    const asManager = await bearerOf(await createTestMember(organization.id, 'legal_representative'));
    const path = `/organizations/${organization.id}`;
    const address = { street: 'Rue de la Croix-Rouge 2', town: 'Genève' };
    expect(await call('ge-edemarches', asManager, 'patch', path, { address })).toMatchObject({
      status: 422,
      body: { code: 'organization.immutable_field', field: '/address' },
    });
    expect((await callApi(asManager, 'get', path)).body.address).not.toEqual(address);
    expect(await call('peps', asManager, 'patch', path, { address })).toMatchObject({ status: 200 });
    expect((await callApi(asManager, 'get', path)).body.address).toEqual(address);
  });

  it("fafiec: the login e-mail is the one of the account's creation (« ne peut donc être modifiée »); on emplois-inclusion it changes through a link", async () => {
    const organization = await createTestOrganization();
    const asMember = await bearerOf(await createTestMember(organization.id, 'member'));
    expect(await call('fafiec', asMember, 'post', '/me/email-change', { email: uniqueEmail('new-login') })).toMatchObject({
      status: 409,
      body: { code: 'account.login_email_fixed', field: '/email' },
    });
    expect(await call('emplois-inclusion', asMember, 'post', '/me/email-change', { email: uniqueEmail('new-login') })).toMatchObject({ status: 201 });
  });

  it('fer-ge: an observer request reaches the « requérant ou requérant adjoint », not a collaborator; fer-ge gives no « gestionnaire » role', async () => {
    const organization = await createTestOrganization({ legalName: 'Fiduciaire Observée SA' });
    await subscribe(organization.id, 'company-journal');
    const representative = await createTestMember(organization.id, 'legal_representative');
    const deputy = await createTestMember(organization.id, 'deputy');
    const collaborator = await createTestMember(organization.id, 'member');
    const asker = await createTestMember((await createTestOrganization()).id, 'member', 'observer-asker');
    const asked = await call('fer-ge', await bearerOf(asker), 'post', '/access-requests', { organization: organization.identifier, role: 'observer' });
    expect(asked).toMatchObject({ status: 201 });
    await waitForMail(deputy.email, { subject: /^Demande d'accès d'observateur : Fiduciaire Observée SA/ });
    await waitForMail(representative.email, { subject: /^Demande d'accès d'observateur : Fiduciaire Observée SA/ });
    expect((await mailsTo(collaborator.email)).filter((mail) => mail.subject.startsWith("Demande d'accès"))).toHaveLength(0);
    const invited = await call('fer-ge', await bearerOf(representative), 'post', `/organizations/${organization.id}/invitations`, {
      email: uniqueEmail('gestionnaire'),
      role: 'manager',
    });
    expect(invited).toMatchObject({ status: 422, body: { code: 'membership.role_not_offered', field: '/role' } });
  });

  it('R6, R12 (emplois-inclusion): an employer and a prescriber sign up with one SIRET (« Oui »), two structures; peps takes no prescriber', async () => {
    let siret: string;
    do siret = uniqueSiren() + String(randomInt(10_000, 99_999));
    while (!passesLuhn(siret));
    await upsertEntry(database(), { identifier: siret, identifierKind: 'siret', name: `STRUCTURE ${siret.slice(-4)}`, status: 'active', successor: null });
    const form = (type: string) => ({
      identifier: siret,
      type,
      legalName: `Structure ${type}`,
      representative: { givenName: 'Inès', familyName: 'Morel', function: 'Directrice', email: uniqueEmail(type) },
    });
    const first = await call('emplois-inclusion', 'anonymous', 'post', '/sign-ups', form('employer'));
    expect(first, JSON.stringify(first.body)).toMatchObject({ status: 201, body: { status: 'approved' } });
    expect(await call('emplois-inclusion', 'anonymous', 'post', '/sign-ups', form('prescriber'))).toMatchObject({ status: 201, body: { status: 'approved' } });
    const bearing = await database().query<{ type: string }>('SELECT type FROM organization WHERE identifier = $1 ORDER BY type', [siret]);
    expect(bearing.rows.map((row) => row.type)).toEqual(['employer', 'prescriber']);
    // One database serves one portal (migration 0028); here the apps share the run's, so peps is shown refusing the type, not the identifier.
    expect(await call('peps', 'anonymous', 'post', '/sign-ups', form('prescriber'))).toMatchObject({
      status: 422,
      body: { code: 'organization.type_not_offered', field: '/type' },
    });
    expect((await database().query('SELECT 1 FROM organization WHERE identifier = $1', [siret])).rowCount).toBe(2);
  });
});
