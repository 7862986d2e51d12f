import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { addUnit, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * The managers' console in a real Chromium against the real stack: login with the e-mailed code
 * (R2), the members list (R21 switcher), a member's rights and role, the last-manager refusal (R14),
 * the language switch, and axe-core on every screen.
 */
describe('console: members, in a real browser', () => {
  let page: Page;
  let organization: TestOrganization;
  let other: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let jean: Awaited<ReturnType<typeof createTestMember>>;

  const ui = consolePage(async () => {
    [organization, other] = await Promise.all([
      createTestOrganization({ legalName: 'Horlogerie Test SA' }),
      createTestOrganization({ legalName: 'Zeta Conseil SA' }),
    ]);
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    jean = await createTestMember(organization.id, 'member', 'jean');
    await createTestMember(organization.id, 'observer', 'nina');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'observer', 'active')`, [lea.personId, other.id]);
    await subscribe(organization.id, 'employer-inbox');
    await addUnit(organization.id, 'Succursale de Lausanne');
  });
  beforeAll(() => void (page = ui.page));

  it('R2, R21: logs in with the e-mailed code and lands on the members list of my organization', async () => {
    await logInThroughConsole(page, lea);
    await expect.poll(() => page.url()).toContain(`#/o/${organization.id}/members`);
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Organisation', exact: true }).locator('option').allTextContents()).toEqual([
      'Horlogerie Test SA — Requérant',
      'Zeta Conseil SA — Observateur',
    ]);
    await page.getByRole('link', { name: `${jean.familyName} ${jean.givenName}` }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('3 utilisateur(s)');
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('searches and filters on the server, and keeps the criteria in the address', async () => {
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('jean');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('1 utilisateur(s)');
    expect(page.url()).toContain('q=jean');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('3 utilisateur(s)');
    await page.getByRole('combobox', { name: 'Rôle', exact: true }).selectOption('observer');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('1 utilisateur(s)');
    expect(await page.locator('tbody tr').textContent()).toContain('Observateur');
    expect(page.url()).toContain('role=observer');
    await page.getByRole('combobox', { name: 'Rôle', exact: true }).selectOption('');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('3 utilisateur(s)');
    await page.getByRole('button', { name: 'Nom' }).click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('Test nina');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).count()).toBe(1);
  });

  it('R15: grants a right on a service to a member; a service not subscribed is shown, not offered', async () => {
    await page.getByRole('link', { name: `${jean.familyName} ${jean.givenName}` }).click();
    await page.getByRole('heading', { name: `${jean.givenName} ${jean.familyName}`, level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Service' }).selectOption('employer-inbox');
    await page.getByRole('combobox', { name: 'Droit' }).selectOption('read');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('button', { name: /Retirer le droit Vos courriers — Lire les courriers/ }).waitFor();
    const membershipId = await membershipOf(jean.personId, organization.id);
    const held = await database().query('SELECT service_id, right_id, unit_id FROM membership_right WHERE membership_id = $1', [membershipId]);
    expect(held.rows).toEqual([{ service_id: 'employer-inbox', right_id: 'read', unit_id: null }]);

    // Not offered: shown after, disabled, with where to activate it (the API would refuse it anyway).
    expect(await page.getByRole('combobox', { name: 'Service' }).locator('option[value="salary-declaration"]').count()).toBe(0);
    const salary = page.locator('procura-member-rights').getByRole('group', { name: /Déclaration des salaires/ });
    expect(await salary.getByRole('checkbox', { name: 'Déclarer' }).isDisabled()).toBe(true);
    expect(await salary.textContent()).toContain('Service non souscrit');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('changes the role of a member', async () => {
    await page.getByRole('combobox', { name: "Rôle dans l'organisation" }).selectOption('observer');
    await page.getByRole('button', { name: 'Changer le rôle' }).click();
    await page.getByText('Rôle modifié.').waitFor();
    const { rows } = await database().query<{ role: string }>('SELECT role FROM membership WHERE person_id = $1 AND organization_id = $2', [
      jean.personId,
      organization.id,
    ]);
    expect(rows[0]?.role).toBe('observer');
  });

  it('R18: deactivates and reactivates a member, each confirmed; Escape cancels a deletion; a confirmed one returns to the list', async () => {
    const status = page.locator('procura-member-detail dd').nth(2);
    await page.getByRole('button', { name: 'Désactiver temporairement' }).click();
    await page.getByRole('dialog', { name: 'Désactiver cet accès ?' }).getByRole('button', { name: 'Désactiver' }).click();
    await page.getByText('Accès désactivé.').waitFor();
    expect(await status.textContent()).toBe('Désactivé');
    await page.getByRole('button', { name: 'Réactiver' }).click();
    await page.getByRole('dialog', { name: 'Réactiver cet accès ?' }).getByRole('button', { name: 'Réactiver' }).click();
    await page.getByText('Accès réactivé.').waitFor();
    expect(await status.textContent()).toBe('Actif');

    await page.getByRole('button', { name: "Supprimer l'accès" }).click();
    // Issue 16 item 5: the manager is told what a departure does, before confirming.
    await page
      .getByRole('dialog', { name: 'Supprimer cet accès ?' })
      .getByText(/Sans autre organisation, son compte est désactivé et ses données personnelles sont effacées après la durée de conservation\./)
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect((await database().query('SELECT 1 FROM membership WHERE person_id = $1 AND organization_id = $2', [jean.personId, organization.id])).rowCount).toBe(
      1,
    );

    await page.getByRole('button', { name: "Supprimer l'accès" }).click();
    await page.getByRole('dialog', { name: 'Supprimer cet accès ?' }).getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/o\/[^/]+\/members$/);
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('2 utilisateur(s)');
    expect((await database().query('SELECT 1 FROM membership WHERE person_id = $1 AND organization_id = $2', [jean.personId, organization.id])).rowCount).toBe(
      0,
    );
  });

  it('R14: the last manager cannot be demoted nor deactivated; the refusal shows beside the action, with its message', async () => {
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members/${await membershipOf(lea.personId, organization.id)}`);
    await page.getByRole('heading', { name: `${lea.givenName} ${lea.familyName}`, level: 1 }).waitFor();
    await page.getByText("Seul gestionnaire de l'organisation").waitFor();
    await page.getByRole('combobox', { name: "Rôle dans l'organisation" }).selectOption('member');
    await page.getByRole('button', { name: 'Changer le rôle' }).click();
    const roleError = page.locator('#role-error');
    await roleError.waitFor();
    expect(await roleError.textContent()).toContain("L'organisation doit toujours garder un gestionnaire");
    expect(await page.getByRole('combobox', { name: "Rôle dans l'organisation" }).getAttribute('aria-describedby')).toBe('role-error');

    await page.getByRole('button', { name: 'Désactiver temporairement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Désactiver cet accès ?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Désactiver' }).click();
    await page.locator('#status-error').waitFor();
    expect(await page.locator('#status-error').textContent()).toContain('doit toujours garder un gestionnaire');
    const { rows } = await database().query<{ role: string; status: string }>(
      'SELECT role, status FROM membership WHERE person_id = $1 AND organization_id = $2',
      [lea.personId, organization.id],
    );
    expect(rows[0]).toEqual({ role: 'legal_representative', status: 'active' });
  });

  it('switches to English: the screen and the API refusal shown are in English, and the choice lasts', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Role', level: 2 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).waitFor();
    expect(await page.locator('#role-error').textContent()).toContain('The organization must always keep an active manager');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: '← Back to the users' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Branches and antennas' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: '← Retour aux utilisateurs' }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Succursales et antennes' }).waitFor();
  });

  it('R7, R8, R9: organization details with the immutable fields read-only and why; the units tree and adding a branch', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Horlogerie Test SA', level: 1 }).waitFor();
    await page.getByText('ne peuvent pas être modifiés ici').waitFor();
    expect(await page.getByRole('textbox', { name: 'Raison sociale' }).inputValue()).toBe('Horlogerie Test SA');
    expect(await page.getByRole('textbox', { name: organization.identifier }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Succursales et antennes' }).click();
    await page.getByText('Succursale de Lausanne').first().waitFor();
    await page.getByRole('textbox', { name: 'Nom' }).fill('Antenne de Genève');
    await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('antenna');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: 'Antenne de Genève' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('R21: the switcher opens the same screen of my other organization, with my role there', async () => {
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption(other.id);
    await expect.poll(() => page.url()).toContain(`#/o/${other.id}/units`);
    await page.getByText('Aucune succursale ni antenne pour le moment.').waitFor();
    expect(await page.getByRole('button', { name: 'Ajouter', exact: true }).count()).toBe(0); // an observer adds nothing
  });

  it('fits a phone: no horizontal scrolling on the members list', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members`);
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
