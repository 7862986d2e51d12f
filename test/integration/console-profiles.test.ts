import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadProfile, type Profile } from '@procura/sync-service/profile/profile';
import { consoleDir } from '../harness/app.js';
import { freePort } from '../harness/ports.js';
import { consolePage, logInThroughConsole } from '../helpers/browser.js';
import { admin } from '../helpers/keycloak-admin.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail, type TestPerson } from '../helpers/people.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { bearerOf } from '../helpers/api.js';
import { waitForMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { callAt } from '../helpers/profile-app.js';
import { registeredSiret } from '../helpers/registry.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 17 item 4: a shipped profile's console main screen in Chromium, a person of that portal
 * signed in for real (Keycloak's login and code) to an app serving the profile, with a console
 * client of its own (the run's names the run's address as its redirect): fafiec's fixed login
 * e-mail, ge-edemarches' fixed address, emplois-inclusion's member inviting and its employer and
 * prescriber on one SIRET, fer-ge's deputy answering an observer request. One portal console per
 * profile, shared by its tests; the refusals through the API are portals' and portal-rules'.
 */
interface PortalConsole {
  readonly origin: string;
  close(): Promise<void>;
}

/** An app serving the shipped profile `id`, its console at `origin`, signed in through a copy of the console client. */
async function startPortalConsole(id: string): Promise<PortalConsole> {
  const realm = `/${stack().keycloak.realm}`;
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const [console] = (await (await admin(`${realm}/clients?clientId=procura-console`)).json()) as Array<Record<string, any>>;
  const clientId = `console-${id}-${randomBytes(3).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const { id: _id, protocolMappers, ...rest } = console!;
  const created = await admin(`${realm}/clients`, {
    method: 'POST',
    body: {
      ...rest,
      clientId,
      secret,
      redirectUris: [`${origin}/auth/callback`],
      webOrigins: [origin],
      attributes: { ...rest.attributes, 'post.logout.redirect.uris': origin, 'backchannel.logout.url': `${origin}/auth/backchannel-logout` },
      protocolMappers: (protocolMappers as Array<Record<string, unknown>> | undefined)?.map(({ id: _m, ...mapper }) => mapper),
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const uuid = created.headers.get('location')?.split('/').pop();
  const app: OwnApp = await startOwnApp(
    {
      PROCURA_PROFILE: id,
      PROCURA_CONSOLE_DIR: consoleDir(stack()),
      PROCURA_PUBLIC_URL: origin,
      PROCURA_CONSOLE_CLIENT_ID: clientId,
      PROCURA_CONSOLE_CLIENT_SECRET: secret,
      PROCURA_API_AUDIENCES: `${clientId},procura-console`,
    },
    port,
  );
  return {
    origin,
    close: async () => {
      await app.close();
      if (uuid) await admin(`${realm}/clients/${uuid}`, { method: 'DELETE' });
    },
  };
}

/** The describe's portal console of the shipped profile `id` (started before its tests, stopped after), its profile and a page. */
function portalConsole(id: string): { readonly origin: string; readonly profile: Profile; readonly page: Page } {
  const browser = consolePage();
  const profile = loadProfile({ PROCURA_PROFILE: id });
  let started: PortalConsole | undefined;
  beforeAll(async () => {
    started = await startPortalConsole(id);
  }, 60_000);
  afterAll(() => started?.close());
  return {
    profile,
    get origin() {
      return started!.origin;
    },
    get page() {
      return browser.page;
    },
  };
}

type Role = keyof Profile['roles']['labels'];

/**
 * A `role` of `organization` (`known`, or a new person) signs in to the console at `origin` (whoever
 * was signed in in the page before is forgotten), whose header names the portal and the role as
 * the portal does.
 */
async function signInSeeingPortal(
  page: Page,
  origin: string,
  profile: Profile,
  { organization, role, known }: { organization: TestOrganization; role: Role; known?: TestPerson },
): Promise<TestPerson> {
  const person = known ?? (await createTestMember(organization.id, role, `${profile.id}-${role}`));
  await page.context().clearCookies();
  await logInThroughConsole(page, person, false, origin);
  await expect.poll(() => page.locator('procura-app procura-portal-brand .name').textContent(), { timeout: 15_000 }).toBe(profile.name.fr);
  expect(await page.locator('procura-org-switcher .single').textContent()).toBe(`${organization.legalName} — ${profile.roles.labels[role].fr}`);
  return person;
}

describe('fafiec: the login e-mail is fixed', () => {
  const portal = portalConsole('fafiec');

  it("a user signed in sees the portal's name and role label, and no way to change the login e-mail in their profile", async () => {
    const { page, profile } = portal;
    const organization = await createTestOrganization();
    await signInSeeingPortal(page, portal.origin, profile, { organization, role: 'member' });
    await page.goto(`${portal.origin}/#/me/profile`);
    await page.locator('#email-fixed').waitFor({ timeout: 15_000 });
    expect(await page.locator('#email-fixed').textContent()).toContain('votre e-mail de connexion ne change pas ici');
    expect(await page.locator('procura-my-profile input#email').count()).toBe(0);
  }, 90_000);
});

describe("ge-edemarches: the organization's address is fixed", () => {
  const portal = portalConsole('ge-edemarches');

  it('a manager sees the address read-only, while the legal name stays editable and is saved', async () => {
    const { page, profile } = portal;
    const organization = await createTestOrganization();
    await database().query('UPDATE organization SET address = $2 WHERE id = $1', [
      organization.id,
      JSON.stringify({ street: 'Rue du Rhône 12', postalCode: '1204', city: 'Genève', country: 'CH' }),
    ]);
    await signInSeeingPortal(page, portal.origin, profile, { organization, role: 'manager' });
    await page.goto(`${portal.origin}/#/o/${organization.id}/organization`);
    const name = page.locator('procura-organization-details input#legalName');
    await name.waitFor({ timeout: 15_000 });
    // The address shows, with no field to change it; the portal says whom to ask.
    expect(await page.locator('procura-organization-details dd').allTextContents()).toEqual(expect.arrayContaining(['Rue du Rhône 12', 'Genève']));
    expect(await page.locator('procura-organization-details input#street, procura-organization-details input#city').count()).toBe(0);
    expect(await page.locator('procura-organization-details p.hint').allTextContents()).toContainEqual(
      expect.stringContaining('Ces informations ne peuvent pas être modifiées ici'),
    );
    await name.fill(`${organization.legalName} SA`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modifications enregistrées.').waitFor({ timeout: 15_000 });
    const saved = await database().query<{ legal_name: string; address: { street: string } }>('SELECT legal_name, address FROM organization WHERE id = $1', [
      organization.id,
    ]);
    expect(saved.rows[0]).toMatchObject({ legal_name: `${organization.legalName} SA`, address: { street: 'Rue du Rhône 12' } });
  }, 90_000);
});

describe('emplois-inclusion: « Tous les membres du tableau de bord » invite (not on the default profile); an employer and a prescriber share one SIRET', () => {
  const portal = portalConsole('emplois-inclusion');

  it("R13: a plain member invites a colleague from the console, who gets the e-mail; the member sees no manager's screen nor role", async () => {
    const { page, profile } = portal;
    const organization = await createTestOrganization({ legalName: `Jardins Invitants ${Date.now().toString(36)}` });
    await signInSeeingPortal(page, portal.origin, profile, { organization, role: 'member' });
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: 'Invitations' }).click();
    expect(await sections.getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
    const colleague = uniqueEmail('colleague');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(colleague);
    // R13: a member invites as a member, with no rights: the only role offered is the member's.
    expect(await page.locator('procura-invite-form select#role option').allTextContents()).toEqual([profile.roles.labels.member.fr]);
    await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.getByText(`Invitation envoyée à ${colleague}.`).waitFor({ timeout: 15_000 });
    expect((await waitForMail(colleague, { subject: /Invitation à rejoindre/ })).subject).toContain(organization.legalName);
    // The pending list is the managers': a member is not shown the others' invitations.
    expect(await page.getByRole('heading', { name: 'Invitations en attente' }).count()).toBe(0);
  }, 120_000);

  it('R13: on the default profile a member sees no invitations, in the menu nor at its address (the API refusal: portal-rules)', async () => {
    const { page } = portal;
    const organization = await createTestOrganization();
    const member = await createTestMember(organization.id, 'member', 'default-member');
    await page.context().clearCookies();
    await logInThroughConsole(page, member);
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: 'Organisation' }).waitFor({ timeout: 15_000 });
    expect(await sections.getByRole('link', { name: 'Invitations' }).count()).toBe(0);
    await page.goto(`${stack().publicUrl}/#/o/${organization.id}/invitations`);
    await page.getByRole('heading', { name: 'Page introuvable', level: 1 }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).count()).toBe(0);
  }, 120_000);

  it("R6: both sign up with the SIRET; each one's administrator, with an e-mail of their own, sees their own structure with it", async () => {
    const { page, profile } = portal;
    const siret = await registeredSiret();
    const suffix = Date.now().toString(36);
    const structures: Array<TestOrganization & { type: string }> = [];
    for (const [type, legalName] of [
      ['employer', `Jardins Partagés ${suffix}`],
      ['prescriber', `Mission locale Partagée ${suffix}`],
    ] as const) {
      const form = {
        identifier: siret,
        type,
        legalName,
        representative: { givenName: 'Inès', familyName: 'Morel', function: 'Directrice', email: uniqueEmail(type) },
      };
      const signedUp = await callAt(`${portal.origin}/api/v1`, 'anonymous', 'post', '/sign-ups', form);
      expect(signedUp, JSON.stringify(signedUp.body)).toMatchObject({ status: 201, body: { status: 'approved' } });
      const { rows } = await database().query<{ id: string }>('SELECT id FROM organization WHERE identifier = $1 AND type = $2', [siret, type]);
      structures.push({ id: rows[0]!.id, identifier: siret, legalName, type });
    }
    // The refusal of a second holder where identifiers are unique (the default profile) is shared-identifiers'.
    const seen: string[] = [];
    for (const structure of structures) {
      const administrator = await signInSeeingPortal(page, portal.origin, profile, { organization: structure, role: 'legal_representative' });
      seen.push(administrator.email);
      await page.goto(`${portal.origin}/#/o/${structure.id}/organization`);
      await page.locator('procura-organization-details dd').filter({ hasText: siret }).waitFor({ timeout: 15_000 });
      const details = await page.locator('procura-organization-details dd').allTextContents();
      expect(details).toEqual(expect.arrayContaining([siret, structure.type === 'employer' ? 'Employeur' : 'Prescripteur']));
    }
    expect(new Set(seen).size).toBe(2);
  }, 120_000);
});

describe('fer-ge: the requérant adjoint receives the observer request', () => {
  const portal = portalConsole('fer-ge');

  it('R22: a person asks to observe; the deputy is e-mailed, signs in, sees the request and accepts it: the observer reads the journal', async () => {
    const { page, profile } = portal;
    const organization = await createTestOrganization({ legalName: `Horlogerie Observée ${Date.now().toString(36)} SA` });
    await subscribe(organization.id, 'company-journal');
    const representative = await createTestMember(organization.id, 'legal_representative', 'fer-ge-requerant');
    const deputy = await createTestMember(organization.id, 'deputy', 'fer-ge-adjoint');
    const asker = await createTestMember((await createTestOrganization()).id, 'member', 'observer-asker');
    const name = `${asker.givenName} ${asker.familyName}`;
    // The asking screen is console-access-requests'; here the request comes through the portal's API (a bearer of the run's console client).
    const asked = await callAt(`${portal.origin}/api/v1`, await bearerOf(asker), 'post', '/access-requests', {
      organization: organization.identifier,
      role: 'observer',
      message: 'Je suis la comptable',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await waitForMail(deputy.email, { subject: new RegExp(`^Demande d'accès d'observateur : ${organization.legalName}`) });

    await signInSeeingPortal(page, portal.origin, profile, { organization, role: 'deputy', known: deputy });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: "Demandes d'accès" }).click();
    const card = page.getByRole('listitem', { name });
    await card.getByText('Je suis la comptable').first().waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: `Accepter la demande de ${name}` }).click();
    await page.getByRole('status').filter({ hasText: "comme Observateur, avec : Journal de l'entreprise — Consulter." }).waitFor({ timeout: 15_000 });
    const { rows } = await database().query(
      `SELECT m.role, r.service_id, r.right_id FROM membership m JOIN membership_right r ON r.membership_id = m.id WHERE m.person_id = $1 AND m.organization_id = $2`,
      [asker.personId, organization.id],
    );
    expect(rows).toEqual([{ role: 'observer', service_id: 'company-journal', right_id: 'read' }]);
    // The requérant was told as well (the portal names both); that accepting tells the person is console-access-requests'.
    await waitForMail(representative.email, { subject: /^Demande d'accès d'observateur/ });
  }, 120_000);
});
