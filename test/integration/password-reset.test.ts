import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForLoginCode, waitForMail } from '../helpers/mail.js';
import { createTestPerson } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';
import { consoleAuthorization, loginWithPassword } from '../helpers/tokens.js';

/**
 * R3: a forgotten password, end to end in Chromium against the real Keycloak: « Mot de passe
 * oublié ? » on the login page, the link read from the SMTP sink, and on the new-password page the
 * theme's button that fills a generated strong password (js/procura-password.js), which the realm's
 * password policy then accepts: the person logs in with it. The reset then goes on with the second
 * factor (issue 14 item 1): whoever controls the mailbox alone gets no session.
 */
describe('R3: forgotten password by e-mail link, with a generated strong password offered', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('R3: the link from the e-mail asks the second factor, then opens the new-password page, whose generated password the policy accepts and the person logs in with', async () => {
    const person = await createTestPerson('reset-generated');
    const { keycloak } = stack();
    const { url, redirectUri } = await consoleAuthorization();
    const context = await browser.newContext({ locale: 'fr-CH' });
    const page = await context.newPage();
    await page.route(`${redirectUri}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'back at the client' }));

    await page.goto(url);
    await page.locator('a[href*="/login-actions/reset-credentials"]').click();
    await page.locator('#username').fill(person.email);
    await page.locator('#kc-form-buttons').click();
    const mail = await waitForMail(person.email, { subject: /réinitialisation de votre mot de passe/ });
    expect(mail.text.trimStart()).toMatch(/^Bonjour,/);
    expect(mail.html).toContain('Choisir un nouveau mot de passe');
    expect(mail.html).toContain('Message automatique de Procura');

    await page.goto(linkIn(mail, `${keycloak.url}/realms/${keycloak.realm}/login-actions/action-token`));
    // Issue 14 item 1: the mailbox alone does not open the account: the link leads to the second factor first.
    const reference = await page.locator('#procura-code-reference [data-reference]').getAttribute('data-reference', { timeout: 15_000 });
    expect(await page.locator('#password-new').count(), 'no new password before the code').toBe(0);
    await page.locator('#code').fill(await waitForLoginCode(person.email, reference ?? ''));
    await page.locator('#procura-code-submit').click();
    const generate = page.getByRole('button', { name: 'Proposer un mot de passe fort' });
    await generate.click();
    const first = (await page.locator('#procura-password-value').textContent()) ?? '';
    await generate.click();
    const password = (await page.locator('#procura-password-value').textContent()) ?? '';
    expect(password).not.toBe(first);
    expect(await page.locator('#password-new').inputValue()).toBe(password);
    expect(await page.locator('#password-confirm').inputValue()).toBe(password);
    expect(await page.locator('#password-new').getAttribute('type'), 'the generated password is shown').toBe('text');
    // The realm's policy: length(12) and maxLength(128) and notUsername and notEmail; and every kind of character.
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(password.length).toBeLessThanOrEqual(128);
    for (const kind of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(password).toMatch(kind);
    expect(await seriousViolations(page), 'axe-core on the new-password page with the generated password shown').toEqual([]);

    await page.locator('#kc-submit').click();
    await page.waitForURL((current) => current.toString().startsWith(redirectUri));
    await context.close();

    expect((await loginWithPassword({ email: person.email, password })).claims.sub).toBe(person.keycloakId);
    await expect(loginWithPassword(person)).rejects.toThrow(/did not come back/);
  });
});
