import { describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail, type TestPerson } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 16 item 5 (fer-ge « supprimer un accès », ge-edemarches « Croix à gauche des utilisateurs
 * souhaités », peps): several people at once from the members list, confirmed, all or nothing.
 */
describe('console: several members at once from the list', () => {
  let organization: TestOrganization;
  let representative: TestPerson & { personId: string };
  const people = ['Aubert', 'Berger', 'Chappuis'];
  const browser = consolePage(async () => {
    organization = await createTestOrganization({ legalName: `Plusieurs ${Date.now().toString(36)} SA` });
    representative = await createTestMember(organization.id, 'legal_representative', 'rep');
    await database().query(`UPDATE person SET given_name = 'Léa', family_name = 'Zurcher' WHERE id = $1`, [representative.personId]);
    for (const familyName of people) {
      await addMember(database(), testActor, {
        organizationId: organization.id,
        email: uniqueEmail(familyName.toLowerCase()),
        givenName: 'Jean',
        familyName,
        role: 'member',
        status: 'active',
      });
    }
  });
  const statusOf = async (familyName: string) =>
    (
      await database().query<{ status: string; role: string }>(
        `SELECT m.status, m.role FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND p.family_name = $2`,
        [organization.id, familyName],
      )
    ).rows[0];

  it('R18: two people chosen, deactivated at once after the confirmation that names them; axe-clean', async () => {
    const page = browser.page;
    await logInThroughConsole(page, representative);
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members`);
    await page.getByRole('checkbox', { name: 'Sélectionner Jean Aubert' }).check();
    await page.getByRole('checkbox', { name: 'Sélectionner Jean Berger' }).check();
    const selection = page.getByRole('region', { name: 'Utilisateurs sélectionnés' });
    await selection.getByText('2 sélectionné(s)').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await selection.getByRole('button', { name: 'Désactiver' }).click();
    const dialog = page.getByRole('dialog', { name: 'Désactiver ces accès ?' });
    expect(await dialog.textContent()).toMatch(/Jean Aubert, Jean Berger/);
    await dialog.getByRole('button', { name: 'Désactiver' }).click();
    await page.getByRole('status').filter({ hasText: '2 accès désactivé(s).' }).waitFor();
    expect([(await statusOf('Aubert'))?.status, (await statusOf('Berger'))?.status, (await statusOf('Chappuis'))?.status]).toEqual([
      'deactivated',
      'deactivated',
      'active',
    ]);
  });

  it('R14: with the last manager among those chosen, nobody is deleted and the refusal names her', async () => {
    const page = browser.page;
    await page.reload();
    await page.getByRole('checkbox', { name: 'Sélectionner Jean Chappuis' }).check();
    await page.getByRole('checkbox', { name: 'Sélectionner Léa Zurcher' }).check();
    await page.getByRole('region', { name: 'Utilisateurs sélectionnés' }).getByRole('button', { name: 'Supprimer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer ces accès ?' });
    // Issue 16 item 5: the manager is told what a departure does, before confirming.
    await confirm
      .getByText(/Pour qui n'a pas d'autre organisation, le compte est désactivé et les données personnelles sont effacées après la durée de conservation\./)
      .waitFor();
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Léa Zurcher' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Personne n'a été modifié/);
    expect((await statusOf('Chappuis'))?.status).toBe('active');
    expect((await statusOf('Zurcher'))?.role).toBe('legal_representative');
  });
});
