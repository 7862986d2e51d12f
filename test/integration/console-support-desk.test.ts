import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { waitForMail } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 16 item 6: the support desk in the operator's back office, in a real Chromium against the
 * real stack: the operator finds a person by e-mail, changes their lost login e-mail (both
 * addresses told), removes their access where they left (R14: not where they are the last
 * manager, and the page says what to do). axe-core; a phone's width; English.
 */
describe('R35: console: the support desk, in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let person: Awaited<ReturnType<typeof createTestMember>>;
  let left: Awaited<ReturnType<typeof createTestOrganization>>;
  let alone: Awaited<ReturnType<typeof createTestOrganization>>;
  const reason = 'Appel du 6 décembre, identité vérifiée';
  const scrollWidth = () =>
    page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  const section = (name: string | RegExp) => page.getByRole('region', { name });
  const find = async (email: string) => {
    const lookup = section('Trouver une personne');
    await lookup.getByRole('textbox', { name: 'E-mail de connexion' }).fill(email);
    await lookup.getByRole('textbox', { name: 'Motif' }).fill(reason);
    await lookup.getByRole('button', { name: 'Rechercher' }).click();
  };

  beforeAll(async () => {
    const operator = await createTestOperator();
    left = await createTestOrganization({ legalName: 'Garage Quitté SA' });
    alone = await createTestOrganization({ legalName: 'Atelier Seul SA' });
    person = await createTestMember(left.id, 'member', 'departed');
    await createTestMember(left.id, 'legal_representative');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'legal_representative', 'active')`, [
      person.personId,
      alone.id,
    ]);
    await ensureConsoleBuilt();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'fr-CH' });
    page = await context.newPage();
    await logInThroughConsole(page, operator);
  }, 180_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await page
        ?.screenshot({ path: `.cache/logs/console-support-failure-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('R35, issue 16 item 6: the operator opens « Support » and finds a person by e-mail, with their organizations and roles; a lookup needs its reason', async () => {
    await page.getByRole('heading', { name: "Back-office de l'opérateur", level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Pages du back-office' }).getByRole('link', { name: 'Support' }).click();
    await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/operator\/support$/);
    expect(await seriousViolations(page)).toEqual([]);

    const lookup = section('Trouver une personne');
    await lookup.getByRole('textbox', { name: 'E-mail de connexion' }).fill(person.email);
    await lookup.getByRole('button', { name: 'Rechercher' }).click();
    await lookup.getByRole('alert').filter({ hasText: 'obligatoire' }).waitFor();
    expect(await lookup.getByRole('textbox', { name: 'Motif' }).getAttribute('aria-invalid')).toBe('true');

    await find(person.email);
    const card = section(`${person.givenName} ${person.familyName}`);
    await card.getByRole('row').filter({ hasText: 'Garage Quitté SA' }).filter({ hasText: 'Collaborateur' }).waitFor();
    await card.getByRole('row').filter({ hasText: 'Atelier Seul SA' }).filter({ hasText: 'Requérant' }).waitFor();
    expect(await card.getByText('Activé', { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    const audit = await database().query(`SELECT actor_label FROM audit_entry WHERE subject_id = $1 AND action = 'support.person_looked_up'`, [
      person.personId,
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it("R35, R1, R4: the operator changes the lost login e-mail: the new address gets the link, the old one the support's notice with the reason", async () => {
    const newEmail = uniqueEmail('new-mailbox');
    const change = section("Changer l'e-mail de connexion");
    await change.getByRole('textbox', { name: 'Nouvel e-mail' }).fill(newEmail);
    await change.getByRole('textbox', { name: 'Motif' }).fill(reason);
    await change.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByText(`Lien de confirmation envoyé à ${newEmail} ; ${person.email} est averti.`).waitFor();
    await section(`${person.givenName} ${person.familyName}`).getByText(newEmail).waitFor();
    await waitForMail(newEmail, { subject: /^Confirmez votre nouvelle adresse/ });
    expect((await waitForMail(person.email, { subject: /^Le support change votre adresse de connexion/ })).text).toContain(`Motif : ${reason}`);
  });

  it('R35, R14, R18: removing every access is refused where the person is the last manager, the row names why; unchecked, the other access goes', async () => {
    const card = section(`${person.givenName} ${person.familyName}`);
    const removal = section('Retirer les accès');
    await removal.getByRole('textbox', { name: 'Motif' }).fill("Départ de l'entreprise le 30 novembre");
    await removal.getByRole('button', { name: 'Retirer les accès cochés' }).click();
    await page.getByRole('dialog').getByText('Atelier Seul SA, Garage Quitté SA').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click();
    await card.getByRole('alert').filter({ hasText: 'demande de reprise' }).waitFor();
    expect((await database().query('SELECT count(*)::int AS n FROM membership WHERE person_id = $1', [person.personId])).rows[0].n).toBe(2);

    await card.getByRole('checkbox', { name: "Retirer l'accès à Atelier Seul SA" }).uncheck();
    await removal.getByRole('button', { name: 'Retirer les accès cochés' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click();
    await page.getByText('Accès retirés : Garage Quitté SA.').waitFor();
    await card.getByRole('row').filter({ hasText: 'Garage Quitté SA' }).waitFor({ state: 'detached' });
    const { rows } = await database().query('SELECT organization_id FROM membership WHERE person_id = $1', [person.personId]);
    expect(rows).toEqual([{ organization_id: alone.id }]);
    const audit = await database().query(`SELECT after FROM audit_entry WHERE action = 'membership.removed' AND organization_id = $1`, [left.id]);
    expect(audit.rows).toEqual([{ after: { reason: "Départ de l'entreprise le 30 novembre" } }]);
  });

  it('issue 16 item 6: on a phone and in English, accessible', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Find a person' }).waitFor();
    await page.getByRole('heading', { name: 'Register an organization sent in by e-mail' }).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Français' }).click();
  });
});
