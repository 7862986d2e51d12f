import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadRealm } from '@procura/realm-config';
import { loadProfile, shippedProfiles, type Profile } from '@procura/sync-service/profile/profile';
import { portalRealmPart, realmWithPortal } from '../harness/portal-realm.js';
import { importRealm, masterAdminToken } from '../harness/realm-import.js';
import { consolePage } from '../helpers/browser.js';
import { admin } from '../helpers/keycloak-admin.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 17: Keycloak's login page of a realm set up with each shipped profile says that portal's
 * name and wears its primary colour (one theme, driven by the realm's attributes and texts); and a
 * realm kept from an earlier `npm start` follows the profile again at start (decision 0052).
 */
const placeholders = {
  PROCURA_PUBLIC_URL: 'https://procura.example',
  PROCURA_CONSOLE_CLIENT_SECRET: 'console-secret',
  PROCURA_SYNC_CLIENT_SECRET: 'sync-secret',
};
const created: string[] = [];
const quiet = (): void => undefined;

/** A realm of the test's own, as the start-up path sets it up under `profile`; `log` gets what it says. */
async function setUpRealm(name: string, profile: Profile, log: (message: string) => void = quiet): Promise<void> {
  if (!created.includes(name)) created.push(name);
  await importRealm(stack().keycloak, realmWithPortal({ ...loadRealm(placeholders), realm: name }, profile), log, portalRealmPart(profile));
}

type Styled = { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } };

/** The realm's login page (through its account console): its header, title and brand colour. */
async function loginPage(page: Page, realm: string): Promise<{ header: string; title: string; brand: string }> {
  await page.goto(`${stack().keycloak.url}/realms/${realm}/account`);
  await page.locator('#username').waitFor();
  const brand = await page.evaluate(() => {
    const g = globalThis as unknown as Styled & { document: { documentElement: unknown } };
    return g.getComputedStyle(g.document.documentElement).getPropertyValue('--procura-brand').trim();
  });
  return { header: ((await page.locator('#kc-header-wrapper').textContent()) ?? '').trim(), title: await page.title(), brand };
}

afterAll(async () => {
  for (const name of created) await admin(`/${name}`, { method: 'DELETE' });
});

describe("Keycloak's login page of each shipped profile's realm", () => {
  const browser = consolePage();

  it("says the portal's name in its header and title, on the portal's primary colour", async () => {
    const seen: Array<{ profile: string; header: string; title: string; brand: string }> = [];
    for (const id of shippedProfiles().filter((name) => name !== 'procura')) {
      const profile = loadProfile({ PROCURA_PROFILE: id });
      const name = `login-${id}-${randomBytes(3).toString('hex')}`;
      await setUpRealm(name, profile);
      seen.push({ profile: id, ...(await loginPage(browser.page, name)) });
      const last = seen.at(-1)!;
      expect(last, id).toMatchObject({ header: profile.name.fr, brand: profile.look.colours.primary });
      expect(last.title, id).toContain(profile.name.fr);
    }
    expect(seen.map((s) => s.profile)).toEqual(['emplois-inclusion', 'fafiec', 'fer-ge', 'ge-edemarches', 'peps']);
  }, 120_000);
});

describe('a realm kept from an earlier start follows the profile at the next start', () => {
  const browser = consolePage();

  it("sets the portal's name, colours and texts again from the profile, and keeps the realm's other attributes", async () => {
    const profile = loadProfile({ PROCURA_PROFILE: 'fer-ge' });
    const name = `kept-${randomBytes(3).toString('hex')}`;
    await setUpRealm(name, profile);
    // An earlier profile file: another name and colour; plus an attribute that is not the portal's.
    const stale = await admin(`/${name}`, {
      method: 'PUT',
      body: { realm: name, attributes: { 'procura.portal.primary': '#000000', 'procura.portal.name.fr': 'Ancien portail', 'elsewhere.kept': 'yes' } },
    });
    expect(stale.status).toBe(204);
    const { keycloak } = stack();
    const text = await fetch(`${keycloak.url}/admin/realms/${name}/localization/fr/loginTitle`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'text/plain' },
      body: 'Connexion à Ancien portail',
    });
    expect(text.status).toBe(204);
    expect(await loginPage(browser.page, name)).toMatchObject({ brand: '#000000' });

    const said: string[] = [];
    await setUpRealm(name, profile, (message) => said.push(message));
    expect(said.join('\n')).toContain(`realm ${name} exists: kept, its portal's name, colours and texts set again from the profile`);
    const attributes = ((await (await admin(`/${name}`)).json()) as { attributes: Record<string, string> }).attributes;
    expect(attributes).toMatchObject({
      'procura.portal.primary': profile.look.colours.primary,
      'procura.portal.name.fr': profile.name.fr,
      'elsewhere.kept': 'yes',
    });
    expect(((await (await admin(`/${name}/localization/fr`)).json()) as Record<string, string>).loginTitle).toBe(`Connexion à ${profile.name.fr}`);
    const page = await loginPage(browser.page, name);
    expect(page).toMatchObject({ header: profile.name.fr, brand: profile.look.colours.primary });
    expect(page.title).toContain(profile.name.fr);
  }, 60_000);
});
