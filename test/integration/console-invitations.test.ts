import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { linkIn, mailsTo, waitForMail, type ReceivedMail } from '../helpers/mail.js';
import { addUnit, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

/**
 * The invitations (R5, R16, R17), mail security key (R23) and audit log (R32) screens in Debian's
 * Chromium against the real stack: each action goes through the API to PostgreSQL and the mail
 * sink, each refusal comes from the real API and shows beside its field, axe-core on every screen.
 */
describe('console: invitations, mail security key and audit log, in a real browser', () => {
  let page: Page;
  let organization: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let marc: Awaited<ReturnType<typeof createTestMember>>;
  let lausanne: string;
  const contact = `contact@horlogerie-${Date.now().toString(36)}.example`;

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Horlogerie Invitations SA' });
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    marc = await createTestMember(organization.id, 'deputy', 'marc');
    await subscribe(organization.id, 'employer-inbox');
    lausanne = await addUnit(organization.id, 'Succursale de Lausanne');
  });
  beforeAll(() => void (page = ui.page));

  const pending = async () =>
    (await database().query(`SELECT i.id FROM invitation i WHERE i.organization_id = $1 AND i.status = 'pending'`, [organization.id])).rows;

  it('R16, R5, R8: invites a role address with a right on a branch chosen at once: accepted, warned under the e-mail, mailed, listed', async () => {
    await logInThroughConsole(page, lea);
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByText('Aucune invitation en attente.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'E-mail' }).fill(contact);
    await page.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Lire les courriers' }).check();
    await page.getByRole('combobox', { name: 'Portée' }).selectOption({ label: 'Succursale de Lausanne' });
    await page.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.locator('#email-warning').filter({ hasText: 'Préférez une adresse nominative' }).waitFor();
    await page.getByText(contact, { exact: true }).waitFor();
    expect((await waitForMail(contact, { subject: /Invitation à rejoindre Horlogerie Invitations SA/ })).subject).toContain('Horlogerie Invitations SA');
    const { rows } = await database().query(
      `SELECT r.service_id, r.right_id, r.unit_id FROM membership_right r JOIN membership m ON m.id = r.membership_id JOIN person p ON p.id = m.person_id WHERE p.email = $1`,
      [contact],
    );
    expect(rows).toEqual([{ service_id: 'employer-inbox', right_id: 'read', unit_id: lausanne }]);
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('R15: a right of an unsubscribed service is shown disabled, never offered, and nothing is invited', async () => {
    const before = (await pending()).length;
    await page.getByRole('textbox', { name: 'E-mail' }).fill(`jeanne-${Date.now().toString(36)}@horlogerie.example`);
    // The console never offers it: the API's refusal (right.service_not_subscribed) is for other callers.
    expect(
      await page
        .getByRole('group', { name: /Déclaration des salaires/ })
        .getByRole('checkbox', { name: 'Déclarer' })
        .isDisabled(),
    ).toBe(true);
    expect((await pending()).length).toBe(before);
    await page.getByRole('textbox', { name: 'E-mail' }).fill('');
  });

  /** What the activation page would be told about a link: the API's public preview (R17). */
  const preview = async (mail: ReceivedMail) => {
    const token = linkIn(mail, `${stack().publicUrl}/invitation#token=`).split('#token=')[1];
    const response = await fetch(`${stack().publicUrl}/api/v1/invitations/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return `${response.status} ${((await response.json()) as { code?: string }).code ?? 'ok'}`;
  };

  it('R17: re-sends (confirmed: a new e-mail, the old link voided) and revokes (confirmed: the list empties, the link stops working)', async () => {
    const [first] = await mailsTo(contact);
    expect(await preview(first!)).toBe('200 ok');
    const sent = (await mailsTo(contact)).length;
    await page.getByRole('button', { name: `Renvoyer l'invitation de ${contact}` }).click();
    await page.getByRole('dialog', { name: "Renvoyer l'invitation ?" }).getByRole('button', { name: 'Renvoyer' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Nouveau lien envoyé à ${contact}.` })
      .waitFor();
    await expect.poll(async () => (await mailsTo(contact)).length, { timeout: 15_000 }).toBe(sent + 1);
    expect(await preview(first!)).toBe('410 invitation.replaced');
    const second = (await mailsTo(contact)).find((mail) => mail.id !== first!.id)!;
    expect(await preview(second)).toBe('200 ok');

    await page.getByRole('button', { name: `Retirer l'invitation de ${contact}` }).click();
    await page.getByRole('dialog', { name: "Retirer l'invitation ?" }).getByRole('button', { name: 'Retirer' }).click();
    await page.getByText('Aucune invitation en attente.').waitFor();
    expect(await pending()).toEqual([]);
    expect(await preview(second)).toBe('410 invitation.revoked');
  });

  it('R23: a key too short is refused under the field; a new key is saved and the other manager is told', async () => {
    await page.getByRole('link', { name: 'Clé de sécurité courrier' }).click();
    await page.getByRole('heading', { name: 'Clé de sécurité courrier', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const fill = async (key: string) => {
      await page.getByLabel('Nouvelle clé').fill(key);
      await page.getByLabel('Répétez la clé').fill(key);
      await page.getByRole('button', { name: 'Enregistrer la nouvelle clé' }).click();
      await page.getByRole('dialog', { name: 'Changer la clé de sécurité courrier ?' }).getByRole('button', { name: 'Changer la clé' }).click();
    };
    await fill('court');
    await page.locator('#key-error').waitFor();
    expect(await page.getByLabel('Nouvelle clé').getAttribute('aria-invalid')).toBe('true');
    await fill('Geneve-2026-cle');
    await page.getByRole('status').filter({ hasText: 'Nouvelle clé enregistrée' }).waitFor();
    const { rows } = await database().query('SELECT mail_security_key_hash IS NOT NULL AS set FROM organization WHERE id = $1', [organization.id]);
    expect(rows[0]).toEqual({ set: true });
    expect((await waitForMail(marc.email, { subject: /Clé de sécurité courrier modifiée/ })).subject).toContain('Horlogerie Invitations SA');
  });

  it('R32: the audit log shows what was done, filters by action, and exports the same as CSV', async () => {
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    await page.getByRole('cell', { name: /Invitation retirée/ }).waitFor();
    await page.getByRole('cell', { name: /Clé de sécurité courrier changée/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Action').selectOption('invitation.revoked');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'entrée(s)' }).textContent()).toContain('1 entrée(s)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"invitation.revoked"');
  });

  it('speaks English on the switch, the refusals included', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Mail security key' }).click();
    await page.getByLabel('New key').fill('short');
    await page.getByLabel('Repeat the key').fill('short');
    await page.getByRole('button', { name: 'Save the new key' }).click();
    await page.getByRole('dialog', { name: 'Change the mail security key?' }).getByRole('button', { name: 'Change the key' }).click();
    await page.locator('#key-error').waitFor();
    expect(await page.locator('#key-error').textContent()).toMatch(/[a-z]/);
    expect(await page.locator('#key-error').textContent()).not.toContain('caractères');
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Invite a person' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Inviter une personne' }).waitFor();
  });

  it("works at a phone's width: nothing wider than the screen, no serious violation", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    for (const [link, heading] of [
      ['Invitations', 'Invitations'],
      ['Clé de sécurité courrier', 'Clé de sécurité courrier'],
      ["Journal d'audit", "Journal d'audit"],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(
        await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
