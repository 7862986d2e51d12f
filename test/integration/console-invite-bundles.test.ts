import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { activeMandate, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 16 items 9 and 7 in a real browser (fer-ge « le choix des entreprises, ainsi que les
 * droits »): the invite form of a fiduciary's legal representative offers the other organizations
 * they manage, each with its role and its own subscribed services' rights, and the fiduciary's
 * validated mandates, each with the rights the mandate covers and the client subscribes to; one
 * e-mail whose page lists it all; French and English, phone width, axe-clean.
 */
describe('console: one invitation for several organizations and mandates, in a real browser', () => {
  let page: Page;
  let fiduciary: TestOrganization;
  let beta: TestOrganization;
  let gamma: TestOrganization;
  let client: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let mandateId: string;
  const email = `nora-${Date.now().toString(36)}@fiduciaire.example`;

  const ui = consolePage(async () => {
    fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Console Lot SA' });
    beta = await createTestOrganization({ legalName: 'Beta Console SA' });
    gamma = await createTestOrganization({ legalName: 'Gamma Console SA' });
    client = await createTestOrganization({ legalName: 'Client Console Lot SA' });
    await subscribe(fiduciary.id, 'employer-inbox');
    await subscribe(beta.id, 'employer-inbox');
    await subscribe(client.id, 'employer-inbox', 'contributions');
    lea = await createTestMember(fiduciary.id, 'legal_representative', 'lea');
    await addMember(database(), testActor, { organizationId: beta.id, email: lea.email, role: 'manager', status: 'active' });
    await addMember(database(), testActor, { organizationId: gamma.id, email: lea.email, role: 'manager', status: 'active' });
    mandateId = await activeMandate(fiduciary.id, client.id, []);
    await database().query(`UPDATE mandate SET services = ARRAY['employer-inbox'] WHERE id = $1`, [mandateId]);
  });
  beforeAll(() => void (page = ui.page));

  const form = () => page.locator('procura-invite-form');
  const item = (name: string) => form().locator('.also-item').filter({ hasText: name });

  it('R13, R15, R25: the other organizations and the mandates are offered with their own rights; a refusal shows under its organization and changes nothing; one invitation holds it all', async () => {
    await logInThroughConsole(page, lea);
    await page.goto(`${stack().publicUrl}/#/o/${fiduciary.id}/invitations`);
    const others = form().getByRole('group', { name: 'Aussi dans mes autres organisations' });
    await others.getByRole('checkbox', { name: 'Gamma Console SA' }).waitFor();
    expect(await others.getByRole('checkbox').count()).toBe(2);

    // Gamma subscribes to nothing: its rights are shown, disabled. Léa, a manager there, may not invite a legal representative.
    await form().getByRole('textbox', { name: 'E-mail' }).fill(email);
    await form().getByRole('textbox', { name: 'Prénom' }).fill('Nora');
    await form().getByRole('textbox', { name: 'Nom de famille' }).fill('Lot');
    await others.getByRole('checkbox', { name: 'Gamma Console SA' }).check();
    await item('Gamma Console SA').getByRole('combobox', { name: 'Rôle dans Gamma Console SA' }).selectOption('legal_representative');
    expect(
      await item('Gamma Console SA').getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).isDisabled(),
    ).toBe(true);
    await form().getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await item('Gamma Console SA').getByRole('alert').waitFor();
    expect(await item('Gamma Console SA').getByRole('alert').textContent()).toMatch(/requérant/i);
    expect((await database().query('SELECT 1 FROM invitation WHERE email = $1', [email])).rowCount).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await others.getByRole('checkbox', { name: 'Gamma Console SA' }).uncheck();
    await others.getByRole('checkbox', { name: 'Beta Console SA' }).check();
    const betaItem = item('Beta Console SA');
    await betaItem.getByRole('combobox', { name: 'Rôle dans Beta Console SA' }).selectOption('observer');
    await betaItem.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Archiver' }).check();

    const mandates = form().getByRole('group', { name: 'Mandats de la fiduciaire' });
    await mandates.getByRole('checkbox', { name: 'Pour le compte de Client Console Lot SA' }).check();
    const mandateItem = item('Pour le compte de Client Console Lot SA');
    // R25: the contributions the client subscribes to are not covered by the mandate: not offered.
    expect(await mandateItem.getByRole('group').allTextContents()).toHaveLength(1);
    await mandateItem.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await form().getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await form().getByText(`Invitation envoyée à ${email}.`).waitFor();

    const { rows } = await database().query(
      `SELECT i.organization_id, m.role, m.status, (SELECT jsonb_agg(r.right_id) FROM membership_right r WHERE r.membership_id = m.id) AS rights
         FROM invitation i JOIN membership m ON m.id = i.membership_id WHERE i.email = $1 ORDER BY i.bundle_id IS NOT NULL`,
      [email],
    );
    expect(rows).toEqual([
      { organization_id: fiduciary.id, role: 'member', status: 'invited', rights: null },
      { organization_id: beta.id, role: 'observer', status: 'invited', rights: ['archive'] },
    ]);
    const chosen = await database().query(
      `SELECT im.mandate_id, im.rights FROM invitation_mandate im JOIN invitation i ON i.id = im.invitation_id WHERE i.email = $1`,
      [email],
    );
    expect(chosen.rows).toEqual([{ mandate_id: mandateId, rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }]);
    await page.getByText('Même invitation pour Beta Console SA', { exact: false }).first().waitFor();
  }, 120_000);

  it("speaks English, fits a phone's width and stays axe-clean with the organizations and mandates open", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('button', { name: 'English' }).click();
    const others = form().getByRole('group', { name: 'Also in my other organizations' });
    await others.getByRole('checkbox', { name: 'Beta Console SA' }).check();
    await item('Beta Console SA').getByRole('combobox', { name: 'Role in Beta Console SA' }).waitFor();
    await form().getByRole('group', { name: "The fiduciary's mandates" }).getByRole('checkbox', { name: 'On behalf of Client Console Lot SA' }).check();
    await item('On behalf of Client Console Lot SA').getByRole('group', { name: 'Employer inbox' }).waitFor();
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Français' }).click();
    await form().getByRole('heading', { name: 'Inviter une personne' }).waitFor();
  }, 60_000);

  it("R16: the one e-mail's page lists both organizations and the client; activating makes both memberships and the delegation at once", async () => {
    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Fiduciaire Console Lot SA, Beta Console SA/ });
    await page.context().clearCookies();
    await page.goto(linkIn(mail, `${stack().publicUrl}/invitation#token=`));
    await page.locator('procura-invitation-page dl').waitFor();
    const french = page.getByRole('button', { name: 'Français' });
    if (await french.isVisible()) await french.click();
    await page.getByRole('heading', { name: 'Rejoindre Fiduciaire Console Lot SA, Beta Console SA' }).waitFor();
    const details = page.locator('procura-invitation-page dl');
    expect(await details.textContent()).toContain('Beta Console SA (Observateur)');
    expect(await details.textContent()).toContain('Client Console Lot SA (Vos courriers — Lire les courriers)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mot de passe', { exact: true }).fill('Nora-Lot-Console-2026!');
    await page.getByLabel('Répétez le mot de passe').fill('Nora-Lot-Console-2026!');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();
    const { rows } = await database().query(
      `SELECT m.organization_id, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 ORDER BY m.organization_id = $2 DESC`,
      [email, fiduciary.id],
    );
    expect(rows).toEqual([
      { organization_id: fiduciary.id, status: 'active' },
      { organization_id: beta.id, status: 'active' },
    ]);
    expect(
      (
        await database().query(
          `SELECT 1 FROM mandate_delegate d JOIN membership m ON m.id = d.membership_id JOIN person p ON p.id = m.person_id WHERE d.mandate_id = $1 AND p.email = $2`,
          [mandateId, email],
        )
      ).rowCount,
    ).toBe(1);
  }, 90_000);
});
