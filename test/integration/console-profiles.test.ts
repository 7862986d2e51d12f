import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '@procura/sync-service/profile/profile';
import { consoleDir } from '../harness/app.js';
import { freePort } from '../harness/ports.js';
import { consolePage, logInThroughConsole } from '../helpers/browser.js';
import { admin } from '../helpers/keycloak-admin.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { stack } from '../helpers/stack.js';

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

describe('fafiec: the login e-mail is fixed', () => {
  const browser = consolePage();
  const profile = loadProfile({ PROCURA_PROFILE: 'fafiec' });
  let portal: PortalConsole;
  beforeAll(async () => {
    portal = await startPortalConsole('fafiec');
  }, 60_000);
  afterAll(() => portal?.close());

  it("a user signed in sees the portal's name and role label, and no way to change the login e-mail in their profile", async () => {
    const { page } = browser;
    const organization = await createTestOrganization();
    const person = await createTestMember(organization.id, 'member', 'fafiec-user');
    await logInThroughConsole(page, person, false, portal.origin);
    await expect.poll(() => page.locator('procura-app procura-portal-brand .name').textContent(), { timeout: 15_000 }).toBe(profile.name.fr);
    expect(await page.locator('procura-org-switcher .single').textContent()).toBe(`${organization.legalName} — ${profile.roles.labels.member.fr}`);
    await page.goto(`${portal.origin}/#/me/profile`);
    await page.locator('#email-fixed').waitFor({ timeout: 15_000 });
    expect(await page.locator('#email-fixed').textContent()).toContain('votre e-mail de connexion ne change pas ici');
    expect(await page.locator('procura-my-profile input#email').count()).toBe(0);
  }, 90_000);
});
