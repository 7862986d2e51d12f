import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadProfile, type Profile } from '@procura/sync-service/profile/profile';
import { consoleDir } from '../harness/app.js';
import { freePort } from '../harness/ports.js';
import { consolePage, logInThroughConsole } from '../helpers/browser.js';
import { admin } from '../helpers/keycloak-admin.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 17 item 4: a shipped profile's console main screen in Chromium, a person of that portal
 * signed in for real (Keycloak's login and code) to an app serving the profile, with a console
 * client of its own (the run's names the run's address as its redirect).
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
      ...rest, clientId, secret, redirectUris: [`${origin}/auth/callback`], webOrigins: [origin],
      attributes: { ...rest.attributes, 'post.logout.redirect.uris': origin, 'backchannel.logout.url': `${origin}/auth/backchannel-logout` },
      protocolMappers: (protocolMappers as Array<Record<string, unknown>> | undefined)?.map(({ id: _m, ...mapper }) => mapper),
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const uuid = created.headers.get('location')?.split('/').pop();
  const app: OwnApp = await startOwnApp({ PROCURA_PROFILE: id, PROCURA_CONSOLE_DIR: consoleDir(stack()), PROCURA_PUBLIC_URL: origin, PROCURA_CONSOLE_CLIENT_ID: clientId, PROCURA_CONSOLE_CLIENT_SECRET: secret }, port);
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

/** A new `role` of `organization` signs in to the console at `origin`, whose header names the portal and the role as the portal does. */
async function signInSeeingPortal(page: Page, origin: string, profile: Profile, organization: TestOrganization, role: 'member' | 'manager'): Promise<void> {
  const person = await createTestMember(organization.id, role, `${profile.id}-${role}`);
  await logInThroughConsole(page, person, false, origin);
  await expect.poll(() => page.locator('procura-app procura-portal-brand .name').textContent(), { timeout: 15_000 }).toBe(profile.name.fr);
  expect(await page.locator('procura-org-switcher .single').textContent()).toBe(`${organization.legalName} — ${profile.roles.labels[role].fr}`);
}

describe('fafiec: the login e-mail is fixed', () => {
  const portal = portalConsole('fafiec');

  it("a user signed in sees the portal's name and role label, and no way to change the login e-mail in their profile", async () => {
    const { page, profile } = portal;
    const organization = await createTestOrganization();
    await signInSeeingPortal(page, portal.origin, profile, organization, 'member');
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
    await database().query('UPDATE organization SET address = $2 WHERE id = $1', [organization.id, JSON.stringify({ street: 'Rue du Rhône 12', postalCode: '1204', city: 'Genève', country: 'CH' })]);
    await signInSeeingPortal(page, portal.origin, profile, organization, 'manager');
    await page.goto(`${portal.origin}/#/o/${organization.id}/organization`);
    const name = page.locator('procura-organization-details input#legalName');
    await name.waitFor({ timeout: 15_000 });
    // The address shows, with no field to change it; the portal says whom to ask.
    expect(await page.locator('procura-organization-details dd').allTextContents()).toEqual(expect.arrayContaining(['Rue du Rhône 12', 'Genève']));
    expect(await page.locator('procura-organization-details input#street, procura-organization-details input#city').count()).toBe(0);
    expect(await page.locator('procura-organization-details p.hint').allTextContents()).toContainEqual(expect.stringContaining('Ces informations ne peuvent pas être modifiées ici'));
    await name.fill(`${organization.legalName} SA`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modifications enregistrées.').waitFor({ timeout: 15_000 });
    const saved = await database().query<{ legal_name: string; address: { street: string } }>('SELECT legal_name, address FROM organization WHERE id = $1', [organization.id]);
    expect(saved.rows[0]).toMatchObject({ legal_name: `${organization.legalName} SA`, address: { street: 'Rue du Rhône 12' } });
  }, 90_000);
});
