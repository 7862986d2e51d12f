import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * The services (R15), managers and hand-over (R14) and my profile (R4, R5) screens in a real
 * Chromium against the real stack: what the manager does lands in PostgreSQL and the e-mails
 * leave; each refusal of the API shows next to its field; axe-core on every screen; a phone's width.
 */
describe('console: services, managers and my profile, in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let organization: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let marc: Awaited<ReturnType<typeof createTestMember>>;
  let jean: Awaited<ReturnType<typeof createTestMember>>;
  let salaryLabel: string;
  let pendingEmail: string;

  const scrollWidth = () =>
    page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  beforeAll(async () => {
    organization = await createTestOrganization({ legalName: 'Menuiserie Test SA' });
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    marc = await createTestMember(organization.id, 'member', 'marc');
    jean = await createTestMember(organization.id, 'member', 'jean');
    // R14, R19: Jean leaves at the end of next year; a successor with an expiry date is refused.
    await database().query(`UPDATE membership SET expires_on = current_date + 400 WHERE person_id = $1 AND organization_id = $2`, [
      jean.personId,
      organization.id,
    ]);
    await subscribe(organization.id, 'employer-inbox');
    salaryLabel = (await database().query<{ label_fr: string }>(`SELECT label_fr FROM service WHERE id = 'salary-declaration'`)).rows[0]!.label_fr;
    await ensureConsoleBuilt();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-CH' });
    page = await context.newPage();
    await logInThroughConsole(page, lea);
  }, 180_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await page
        ?.screenshot({ path: `.cache/logs/console-account-failure-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('R15: the catalogue shows what is subscribed and available; a manager activates a service, confirmed, and the managers are told', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    const available = page.getByRole('region', { name: salaryLabel });
    await available.getByText('Disponible', { exact: true }).waitFor();
    expect(await available.getByRole('listitem').allTextContents()).toContain('Déclarer');
    expect(await seriousViolations(page)).toEqual([]);

    await available.getByRole('button', { name: `Activer ${salaryLabel}` }).click();
    await page
      .getByRole('dialog', { name: `Activer ${salaryLabel} ?` })
      .getByRole('button', { name: 'Activer', exact: true })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `${salaryLabel} est activé.` })
      .waitFor();
    await available.getByText('Souscrit', { exact: true }).waitFor();
    expect(await available.getByRole('button').count()).toBe(0);
    const { rows } = await database().query('SELECT 1 FROM subscription WHERE organization_id = $1 AND service_id = $2', [
      organization.id,
      'salary-declaration',
    ]);
    expect(rows).toHaveLength(1);
    await waitForMail(lea.email, { subject: /^Service activé/ });
  });

  it('R14: the managers with the only-one warning; a successor with an expiry date is refused under the field; a hand-over to an active member, confirmed', async () => {
    // The member detail's R14 warning leads to the hand-over.
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members/${await membershipOf(lea.personId, organization.id)}`);
    await page.getByText("Seul gestionnaire de l'organisation").waitFor();
    await page.getByRole('link', { name: 'Gestionnaires et passation' }).click();
    await page.getByRole('heading', { name: 'Gestionnaires', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Gestionnaires' }).getAttribute('aria-current')).toBe('page');
    await page.getByText("L'organisation n'a qu'un gestionnaire actif").waitFor();
    expect(await page.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining(`${lea.givenName} ${lea.familyName} (vous)`)]);
    const successor = page.getByRole('combobox', { name: 'Successeur' });
    await page.getByRole('searchbox', { name: 'Chercher un membre' }).fill('jean');
    await expect.poll(() => successor.locator('option').allTextContents()).toEqual([expect.stringContaining(jean.email)]);
    await page.getByRole('button', { name: 'Transmettre' }).click();
    await page
      .getByRole('dialog', { name: `Transmettre votre rôle à ${jean.givenName} ${jean.familyName} ?` })
      .getByRole('button', { name: 'Transmettre' })
      .click();
    await page.locator('#successorId-error').waitFor();
    expect(await page.locator('#successorId-error').textContent()).toContain("Le successeur a une date d'échéance");
    expect(await successor.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('searchbox', { name: 'Chercher un membre' }).fill('marc');
    await expect.poll(() => successor.locator('option').allTextContents()).toEqual([expect.stringContaining(marc.email)]);
    await page.getByRole('button', { name: 'Transmettre' }).click();
    await page
      .getByRole('dialog', { name: `Transmettre votre rôle à ${marc.givenName} ${marc.familyName} ?` })
      .getByRole('button', { name: 'Transmettre' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `${marc.givenName} ${marc.familyName} est désormais Requérant` })
      .waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await page.getByText("L'organisation n'a qu'un gestionnaire actif").count()).toBe(0);
    const { rows } = await database().query<{ role: string }>('SELECT role FROM membership WHERE id = $1', [
      await membershipOf(marc.personId, organization.id),
    ]);
    expect(rows[0]?.role).toBe('legal_representative');
    await waitForMail(lea.email, { subject: /^Passation/ });
  });

  it('R4: my profile from the header; civility, names, birth date and phone saved; a bad phone refused under its field', async () => {
    await page.getByRole('link', { name: /Mon profil/ }).click();
    await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Prénom' }).inputValue()).toBe(lea.givenName);
    expect(await page.getByRole('link', { name: 'Changer mon mot de passe' }).getAttribute('href')).toContain('action=update_password');
    await page.getByRole('textbox', { name: 'Téléphone de contact' }).fill('not a phone');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('#phone-error').waitFor();
    expect(await page.getByRole('textbox', { name: 'Téléphone de contact' }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('combobox', { name: 'Civilité' }).selectOption('ms');
    await page.getByRole('textbox', { name: 'Prénom' }).fill('Léa');
    await page.getByLabel('Date de naissance').fill('1985-04-12');
    await page.getByRole('textbox', { name: 'Téléphone de contact' }).fill('+41 21 555 01 02');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' }).waitFor();
    await page
      .getByRole('banner')
      .getByRole('link', { name: `Léa ${lea.familyName} — Mon profil` })
      .waitFor();
    const { rows } = await database().query("SELECT civility, given_name, to_char(birth_date, 'YYYY-MM-DD') AS birth, phone FROM person WHERE id = $1", [
      lea.personId,
    ]);
    expect(rows[0]).toEqual({ civility: 'ms', given_name: 'Léa', birth: '1985-04-12', phone: '+41215550102' });
    expect(await page.locator('#phone-error').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R4, R5: a role address gets the warning, a link leaves for it, and the login e-mail waits for its confirmation', async () => {
    const next = `contact-${Date.now()}@example.test`;
    pendingEmail = next;
    await page.getByRole('textbox', { name: 'Nouvelle adresse' }).fill(next);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.locator('p.warning').filter({ hasText: 'Préférez une adresse nominative' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `En attente de confirmation : ${next}` })
      .waitFor();
    await waitForMail(next, { subject: /^Confirmez votre nouvelle adresse/ });
    const { rows } = await database().query<{ email: string }>('SELECT email FROM person WHERE id = $1', [lea.personId]);
    expect(rows[0]?.email).toBe(lea.email);
    await page.getByRole('textbox', { name: 'Nouvelle adresse' }).fill(marc.email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.locator('#email-error').textContent()).toContain("déjà celle d'un autre compte");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('fits a phone and speaks English: my profile, the services and the managers', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
    await page.getByText('Waiting for confirmation').waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Services' }).click();
    await page.getByText('Subscribed', { exact: true }).first().waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Managers' }).click();
    await page.getByRole('heading', { name: 'Hand my role over', level: 2 }).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Français' }).click();
  });

  it('R4: the link e-mailed to the new address confirms it; the login e-mail changes and the old address is told', async () => {
    const { publicUrl } = stack();
    const link = linkIn(await waitForMail(pendingEmail, { subject: /^Confirmez votre nouvelle adresse/ }), `${publicUrl}/email-change#token=`);
    await page.goto(link);
    await page
      .getByRole('status')
      .filter({ hasText: `Adresse confirmée : vous vous connectez désormais avec ${pendingEmail}.` })
      .waitFor();
    expect(page.url()).toBe(`${publicUrl}/email-change`); // the token leaves the address bar
    const { rows } = await database().query<{ email: string }>('SELECT email FROM person WHERE id = $1', [lea.personId]);
    expect(rows[0]?.email).toBe(pendingEmail);
    await waitForMail(lea.email, { subject: /^Adresse de connexion modifiée/ });
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('about:blank');
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'déjà été confirmée' }).waitFor();
  });
});
