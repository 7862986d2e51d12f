import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { bearerOf, callApi } from '../helpers/api.js';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { samplePdf } from '../helpers/documents.js';
import { linkIn, waitForMail } from '../helpers/mail.js';
import { grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail, type TestPerson } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/** The page's width in CSS pixels: nothing may scroll sideways at a phone's width. */
const scrollWidth = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/** The organization's Keycloak groups the user is in (its projected groups only). */
async function organizationGroupsOf(keycloakId: string, organizationId: string): Promise<string[]> {
  const groups = (await keycloakAdmin().groupsOfUsers([keycloakId])).get(keycloakId) ?? [];
  const projected = await database().query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE organization_id = $1', [organizationId]);
  return projected.rows.map((row) => row.keycloak_id).filter((id) => groups.includes(id));
}

/** What the employer inbox's token says of the organizations of `person`. */
async function inboxOrganizations(person: { email: string; password: string }): Promise<Record<string, { rights?: string[] }>> {
  return (
    (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)) as { organizations?: Record<string, { rights?: string[] }> }).organizations ?? {}
  );
}

/**
 * Issue 16 item 1 (ge-edemarches case B, fafiec « ancien collaborateur »), in Debian's Chromium at
 * a phone's width against the real stack, axe-clean: the organization's manager left but their
 * account remains; a successor asks for the recovery on the public page with a document; the
 * departed manager is told; the operator sees them on the request, checks « Retirer » and
 * appoints; the successor activates their legal representative's access, and the departed
 * manager keeps neither membership, nor Keycloak group, nor login (decisions 0042, 0047).
 */
describe('console: a recovery retires the departed manager while appointing the successor', () => {
  const tag = randomBytes(3).toString('hex');
  const legalName = `Fiduciaire Départ ${tag} SA`;
  const successor = { givenName: 'Nadia', familyName: 'Berset', email: uniqueEmail('successor'), password: 'Recovery-Successor-2026!' };
  let organization: TestOrganization;
  let departed: TestPerson & { personId: string };
  let departedMembership = '';
  let operator: Awaited<ReturnType<typeof createTestOperator>>;
  const requesting = consolePage(async () => {
    organization = await createTestOrganization({ legalName });
    departed = await createTestMember(organization.id, 'legal_representative', 'departed');
    departedMembership = await membershipOf(departed.personId, organization.id);
    await subscribe(organization.id, 'employer-inbox');
    await grant(departed.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    operator = await createTestOperator();
  });
  const operating = consolePage();
  let page: Page;
  beforeAll(async () => {
    page = requesting.page;
    await page.setViewportSize({ width: 375, height: 740 });
    await operating.page.setViewportSize({ width: 375, height: 740 });
  });

  it('R30: the departed manager still has the organization in Keycloak and in a token, before anything', async () => {
    expect(await organizationGroupsOf(departed.keycloakId, organization.id)).not.toEqual([]);
    expect((await inboxOrganizations(departed))[organization.identifier]?.rights).toEqual(['read']);
  }, 60_000);

  it("R30: with a manager's account still there, the successor files the recovery on the public page with a document; the manager is told « Demande de reprise »", async () => {
    await page.goto(`${stack().publicUrl}/recovery`);
    await page.getByRole('heading', { name: "Reprendre la gestion d'une organisation", level: 1 }).waitFor();
    await page.getByLabel("Numéro de l'organisation").fill(organization.identifier);
    await page.getByLabel('Prénom').fill(successor.givenName);
    await page.getByLabel('Nom', { exact: true }).fill(successor.familyName);
    await page.getByLabel('Fonction').fill('Administratrice');
    await page.getByLabel('E-mail').fill(successor.email);
    await page.getByLabel('Justificatifs').setInputFiles({ name: 'extrait-rc.pdf', mimeType: 'application/pdf', buffer: samplePdf });
    await page.getByLabel("Message pour l'opérateur (facultatif)").fill('Notre ancien directeur est parti sans transmettre ses accès.');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { name: 'Demande de reprise reçue' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

    const told = await waitForMail(departed.email, { subject: new RegExp(`^Demande de reprise : ${legalName}`) });
    expect(told.text).toContain(`${successor.givenName} ${successor.familyName} (${successor.email}), Administratrice`);
    expect(told.text).not.toContain('sans transmettre');
  }, 90_000);

  it("R30, R14, R31: the operator sees the departed manager on the request, checks « Retirer », confirms with their name and appoints: the manager's membership goes in the same step", async () => {
    const ui = operating.page;
    await logInThroughConsole(ui, operator);
    await ui.getByRole('heading', { name: "Back-office de l'opérateur", level: 1 }).waitFor();
    await ui
      .getByRole('row')
      .filter({ has: ui.getByRole('link', { name: legalName }) })
      .getByRole('link')
      .click();
    await ui.getByRole('heading', { name: `Reprise : ${legalName}` }).waitFor();
    const managers = ui.getByRole('region', { name: 'Gestionnaires en fonction' });
    const entry = managers.getByRole('listitem').filter({ hasText: departed.email });
    expect(await entry.textContent()).toContain(`${departed.givenName} ${departed.familyName}, Requérant`);
    await managers.getByText("ils perdent leur accès à l'organisation au moment où le demandeur est nommé").waitFor();
    const retire = entry.getByRole('checkbox', { name: `Retirer ${departed.givenName} ${departed.familyName}` });
    expect(await retire.isChecked()).toBe(false);
    expect(await seriousViolations(ui)).toEqual([]);
    expect(await scrollWidth(ui)).toBeLessThanOrEqual(375);

    await retire.check();
    await ui.getByRole('button', { name: 'Nommer le demandeur' }).click();
    const dialog = ui.getByRole('dialog', { name: `Nommer le demandeur pour ${legalName} ?` });
    await dialog.getByText(`Perdent leur accès à ${legalName} dès la nomination : ${departed.givenName} ${departed.familyName} (Requérant).`).waitFor();
    expect(await seriousViolations(ui)).toEqual([]);
    await dialog.getByRole('button', { name: 'Nommer le demandeur' }).click();
    await ui
      .getByRole('status')
      .filter({ hasText: `Demande validée : ${legalName}. Accès retirés : ${departed.givenName} ${departed.familyName} (Requérant).` })
      .waitFor();

    const { rows } = await database().query('SELECT m.id, m.role, p.email FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1', [
      organization.id,
    ]);
    expect(rows).toEqual([{ id: expect.any(String), role: 'legal_representative', email: successor.email }]);
    expect(rows.map((row) => row.id)).not.toContain(departedMembership);
    const decided = await database().query(`SELECT after FROM audit_entry WHERE action = 'recovery.appointed' AND organization_id = $1`, [organization.id]);
    expect(decided.rows[0].after).toMatchObject({ retired: [{ membershipId: departedMembership, email: departed.email }] });
  }, 120_000);

  it("R30, R16, R14: the successor activates the invitation and is the legal representative; the departed manager's Keycloak groups no longer have the organization, and their login is disabled", async () => {
    const invitation = await waitForMail(successor.email, { subject: new RegExp(`Invitation à rejoindre ${legalName}`) });
    await page.goto(linkIn(invitation, `${stack().publicUrl}/invitation#token=`));
    await page.getByLabel('Mot de passe', { exact: true }).fill(successor.password);
    await page.getByLabel('Répétez le mot de passe').fill(successor.password);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByRole('heading', { name: 'Votre compte est activé' }).waitFor();

    const seen = await callApi(await bearerOf(successor), 'get', `/organizations/${organization.id}/managers`);
    expect(seen.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([[successor.email, 'legal_representative']]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    expect(await organizationGroupsOf(departed.keycloakId, organization.id)).toEqual([]);
    // Issue 16 item 5: that was the departed manager's only organization: their account is disabled, no token at all.
    await expect(inboxOrganizations(departed)).rejects.toThrow(/did not come back/);
  }, 120_000);
});
