import { describe, expect, it } from 'vitest';
import { supportContact } from '@procura/sync-service/support/contact';
import { consolePage } from '../helpers/browser.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 16 item 6: the support contact of the portal's profile (`sync-service/profiles/procura.json` here)
 * is in the console's footer, on its error pages and on Keycloak's login page under « Je n'arrive
 * plus à me connecter ».
 */
const contact = supportContact();

describe('R34: the support contact', () => {
  const browser = consolePage();

  it('GET /support gives it, without a session', async () => {
    const response = await fetch(`${stack().publicUrl}/support`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(contact);
  });

  it('is in the footer of the console, in French then in English', async () => {
    const { page } = browser;
    await page.goto(`${stack().publicUrl}/`);
    const footer = page.locator('procura-support-footer footer');
    await expect.poll(() => footer.textContent(), { timeout: 10_000 }).toContain(contact.email);
    expect(await footer.textContent()).toContain(contact.phone);
    expect(await footer.textContent()).toContain(contact.hours.fr);
    expect(await footer.getByRole('link', { name: contact.email }).getAttribute('href')).toBe(`mailto:${contact.email}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => footer.textContent(), { timeout: 10_000 }).toContain(contact.hours.en);
    await page.evaluate('localStorage.clear()');
  });

  it('is on the error pages: the console that cannot load, and a dead invitation link', async () => {
    const { page } = browser;
    await page.route('**/api/v1/me', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ code: 'internal', status: 503, messages: { fr: 'Service indisponible.', en: 'Unavailable.' } }),
      }),
    );
    await page.goto(`${stack().publicUrl}/`);
    await page.getByRole('button', { name: 'Réessayer' }).waitFor();
    await expect.poll(() => page.locator('procura-support-footer footer').textContent(), { timeout: 10_000 }).toContain(contact.email);
    await page.unroute('**/api/v1/me');

    await page.goto(`${stack().publicUrl}/invitation#token=not-a-real-token`);
    await page.getByRole('heading', { name: "Ce lien d'invitation ne fonctionne plus" }).waitFor();
    await expect.poll(() => page.locator('procura-support-footer footer').textContent(), { timeout: 10_000 }).toContain(contact.phone);
  });

  it("is on the login page, under « Je n'arrive plus à me connecter », from the realm's attributes", async () => {
    const { page } = browser;
    await page.goto(`${stack().publicUrl}/`);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.locator('#username').waitFor();
    const section = page.locator('#procura-support');
    await section.getByText("Je n'arrive plus à me connecter").click();
    expect(await section.getByRole('link', { name: contact.email }).getAttribute('href')).toBe(`mailto:${contact.email}`);
    expect(await section.textContent()).toContain(contact.phone);
    expect(await section.textContent()).toContain(contact.hours.fr);
  });
});
