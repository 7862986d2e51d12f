import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleDir } from '../harness/app.js';
import { masterAdminToken } from '../harness/realm-import.js';
import { json, problem, refusedAnswers } from '../helpers/api-answers.js';
import { consolePage } from '../helpers/browser.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 17 items 2–3: the console follows the portal's profile (GET /portal) — its name and logo in
 * the header, its colours, its role labels and the sections it offers — under a profile of the
 * test's own, served by an app of its own; and Keycloak's login page says the portal's name and uses
 * its colours, from the realm's attributes (the run's realm: the default profile, « Procura »).
 */
const leman = (() => {
  const profile = JSON.parse(readFileSync(new URL('../../sync-service/profiles/procura.json', import.meta.url), 'utf8')) as Record<string, any>;
  profile.id = 'leman';
  profile.name = { fr: 'Portail Léman', en: 'Leman Portal' };
  profile.look.colours = { primary: '#5a1e6e', onPrimary: '#ffffff', accent: '#a33b00' };
  profile.roles.labels.member = { fr: 'Utilisateur', en: 'User' };
  profile.roles.offered = ['legal_representative', 'deputy', 'manager', 'member'];
  profile.mandates = { enabled: false };
  profile.account = { loginEmail: 'fixed' };
  profile.invitations = { by: 'members' };
  profile.expiryReminders = { enabled: false, dayOfMonth: 20 };
  return profile;
})();

const me = {
  person: { id: 'p-1', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [{ id: 'o-1', identifier: 'CHE123456788', legalName: 'Horlogerie Léman SA', role: 'member' }],
  clients: [],
  operator: false,
};

/** What the browser's `getComputedStyle` gives (the tests compile without the DOM's types). */
type Styled = { getComputedStyle(element: unknown): { backgroundColor: string; getPropertyValue(name: string): string } };
/** The painted background of `selector` (in the browser, where `getComputedStyle` is). */
const background = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => (globalThis as unknown as Styled).getComputedStyle(element).backgroundColor);
const headerBackground = (page: Page) => background(page, 'procura-app header');

describe("the console under another portal's profile", () => {
  afterEach(() => expect(refusedAnswers(), 'answers the server never sends').toEqual([]));
  const browser = consolePage();
  let app: OwnApp;
  let origin: string;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'procura-portal-')), 'leman.json');
    writeFileSync(file, JSON.stringify(leman));
    app = await startOwnApp({ PROCURA_PROFILE: file, PROCURA_CONSOLE_DIR: consoleDir(stack()) });
    origin = new URL(app.base).origin;
  }, 60_000);
  afterAll(() => app?.close());

  it('GET /portal gives the profile of the app: its name, colours and labels', async () => {
    const portal = (await (await fetch(`${origin}/portal`)).json()) as typeof leman;
    expect(portal).toMatchObject({ id: 'leman', name: leman.name, look: { colours: leman.look.colours }, roles: { offered: leman.roles.offered } });
  });

  it('the sign-in page and the public pages name the portal, on its colours', async () => {
    const { page } = browser;
    await page.route('**/api/v1/me', (route) => json(route, 401, problem('auth.required', 'Connexion requise.', 'Sign-in required.')));
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Portail Léman', exact: true }).waitFor();
    await page.goto(`${origin}/sign-up`);
    const brand = page.locator('procura-portal-brand .name');
    await expect.poll(() => brand.textContent(), { timeout: 10_000 }).toBe('Portail Léman');
    expect(await background(page, 'procura-sign-up-page header')).toBe('rgb(90, 30, 110)');
    expect(await page.locator('procura-portal-brand img').getAttribute('src')).toBe('/portal/logo.svg');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Portail Léman — inscrire mon organisation');
    expect(await page.locator('procura-support-footer h2').textContent()).toBe('Besoin d’aide ? Le support de Portail Léman');
    await page.unroute('**/api/v1/me');
  });

  it("the console's header, role labels and sections follow the profile, in French then in English", async () => {
    const { page } = browser;
    await page.route('**/api/v1/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      return path === '/api/v1/me' ? json(route, 200, me) : json(route, 404, problem('not_found', 'Introuvable.', 'Not found.'));
    });
    await page.goto(`${origin}/#/o/o-1/organization`);
    const brand = page.locator('procura-app procura-portal-brand .name');
    await expect.poll(() => brand.textContent(), { timeout: 10_000 }).toBe('Portail Léman');
    expect(await headerBackground(page)).toBe('rgb(90, 30, 110)');
    // R13's roles named as the portal names them; the mandates section off on this portal.
    expect(await page.locator('procura-org-switcher .single').textContent()).toBe('Horlogerie Léman SA — Utilisateur');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Organisation' }).count()).toBe(1);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Mandats' }).count()).toBe(0);
    // Members invite on this portal: a member has the invitation form, with no manager's role
    // (R13), no observer (not offered here) and no expiry date (no reminders here).
    await page.getByRole('navigation').getByRole('link', { name: 'Invitations' }).click();
    const role = page.locator('procura-invite-form select#role');
    await role.waitFor({ timeout: 10_000 });
    expect(await role.locator('option').allTextContents()).toEqual(['Utilisateur']);
    expect(await page.locator('procura-invite-form #expiresOn').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Invitations en attente' }).count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => brand.textContent(), { timeout: 10_000 }).toBe('Leman Portal');
    expect(await page.locator('procura-org-switcher .single').textContent()).toBe('Horlogerie Léman SA — User');
    // A fixed login e-mail: no form to change it, a sentence pointing to support.
    await page.goto(`${origin}/#/me/profile`);
    await page.route('**/api/v1/me/profile', (route) =>
      json(route, 200, {
        id: 'p-1',
        email: 'lea@example.test',
        givenName: 'Léa',
        familyName: 'Favre',
        civility: null,
        birthDate: null,
        phone: null,
        pendingEmail: null,
        secretQuestion: null,
        passwordChangeUrl: '/auth/login?action=update_password&returnTo=/',
        mobileNumberUrl: '/auth/login?action=mobile_number&returnTo=/',
      }),
    );
    await page.reload();
    await page.locator('#email-fixed').waitFor({ timeout: 10_000 });
    expect(await page.locator('procura-my-profile input#email').count()).toBe(0);
    expect(await page.locator('#email-fixed').textContent()).toContain('contact support');
    await page.evaluate('localStorage.clear()');
    await page.unroute('**/api/v1/**');
  });

  it('under the default profile, the same console says « Procura » and its role words', async () => {
    const { page } = browser;
    await page.route('**/api/v1/**', (route) =>
      new URL(route.request().url()).pathname === '/api/v1/me' ? json(route, 200, me) : json(route, 404, problem('not_found', 'Introuvable.', 'Not found.')),
    );
    await page.goto(`${stack().publicUrl}/#/o/o-1/organization`);
    const brand = page.locator('procura-app procura-portal-brand .name');
    await expect.poll(() => brand.textContent(), { timeout: 10_000 }).toBe('Procura');
    expect(await headerBackground(page)).toBe('rgb(29, 78, 137)');
    expect(await page.locator('procura-org-switcher .single').textContent()).toBe('Horlogerie Léman SA — Collaborateur');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Mandats' }).count()).toBe(1);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Invitations' }).count()).toBe(0);
    await page.unroute('**/api/v1/**');
  });
});

describe("Keycloak's login page follows the realm's portal", () => {
  const browser = consolePage();

  it("says the portal's name in its header and title, on its primary colour (the run's realm: the default profile)", async () => {
    const { page } = browser;
    await page.goto(`${stack().publicUrl}/auth/login`);
    await page.locator('#username').waitFor();
    expect((await page.locator('#kc-header-wrapper').textContent())?.trim()).toBe('Procura');
    expect(await page.title()).toContain('Procura');
    const brand = await page.evaluate(() => {
      const g = globalThis as unknown as Styled & { document: { documentElement: unknown } };
      return g.getComputedStyle(g.document.documentElement).getPropertyValue('--procura-brand').trim();
    });
    expect(brand).toBe('#1d4e89');
  });

  it("the realm holds the portal's attributes and, as its texts, the themes' words that name the portal (login titles, e-mails)", async () => {
    const { keycloak } = stack();
    const admin = async (path: string) =>
      (
        await fetch(`${keycloak.url}/admin/realms/${keycloak.realm}${path}`, { headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}` } })
      ).json() as Promise<Record<string, unknown>>;
    expect((await admin('')).attributes).toMatchObject({
      'procura.portal.name.fr': 'Procura',
      'procura.portal.name.en': 'Procura',
      'procura.portal.primary': '#1d4e89',
      'procura.portal.accent': '#0b6e4f',
    });
    expect(await admin('/localization/fr')).toMatchObject({
      loginTitle: 'Connexion à Procura',
      procuraMailBrand: 'Procura',
      procuraMailFooter: 'Message automatique de Procura : merci de ne pas y répondre.',
    });
    expect(await admin('/localization/en')).toMatchObject({ procuraMailBrand: 'Procura' });
  });
});
