import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { waitForMail } from '../helpers/mail.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, type TestPerson } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/** The page's width in CSS pixels: nothing may scroll sideways at a phone's width. */
const scrollWidth = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/**
 * Issue 16's access-request journey in Chromium at a phone's width (emplois-inclusion « rejoindre
 * une structure », fer-ge's observer request for the journal): a signed-in person asks an
 * organization by its number; its legal representative refuses with a reason (none: the field
 * says so), then accepts the next request; the person is told each time by e-mail and in the
 * console, and their token for the journal carries the read right.
 */
describe('console: an access request, from the asking to the right in a token', () => {
  let organization: TestOrganization;
  let representative: TestPerson;
  let asker: TestPerson;
  const asking = consolePage(async () => {
    organization = await createTestOrganization({ legalName: `Journal Parcours ${Date.now().toString(36)} SA` });
    representative = await createTestMember(organization.id, 'legal_representative', 'rep');
    await subscribe(organization.id, 'company-journal');
    asker = await createTestMember((await createTestOrganization()).id, 'member', 'asker');
  });
  const managing = consolePage();
  let person: Page;
  let manager: Page;
  beforeAll(async () => {
    person = asking.page;
    manager = managing.page;
    await person.setViewportSize({ width: 375, height: 740 });
    await manager.setViewportSize({ width: 375, height: 740 });
  });

  const ask = async (message: string) => {
    await person.getByLabel("Numéro de l'organisation").fill(organization.identifier);
    await person.getByRole('radio', { name: /^Observateur/ }).check();
    await person.getByLabel('Message pour les gestionnaires (facultatif)').fill(message);
    await person.getByRole('button', { name: 'Envoyer la demande' }).click();
    await person
      .getByRole('status')
      .filter({ hasText: `Demande envoyée à ${organization.legalName}, comme Observateur.` })
      .waitFor();
  };

  it("R22: the person asks by the organization's number and sees the request awaiting an answer", async () => {
    await logInThroughConsole(person, asker);
    await person.getByRole('link', { name: 'Demander un accès' }).first().click();
    await person.getByRole('heading', { name: 'Demander un accès', level: 1 }).waitFor();
    await ask('Je tiens le journal des salaires');
    const mine = person.getByRole('listitem').filter({ hasText: organization.legalName });
    await mine.filter({ hasText: 'en attente de la réponse des gestionnaires' }).waitFor();
    await waitForMail(representative.email, { subject: /^Demande d'accès d'observateur/ });
    expect(await seriousViolations(person)).toEqual([]);
    expect(await scrollWidth(person)).toBeLessThanOrEqual(375);
  }, 120_000);

  it('R22: the representative refuses; without a reason the field says so; the reason reaches the person by e-mail and in the console', async () => {
    await logInThroughConsole(manager, representative);
    await manager.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: "Demandes d'accès" }).click();
    const card = manager.getByRole('listitem', { name: `${asker.givenName} ${asker.familyName}` });
    await card.getByText('« Je tiens le journal des salaires »').or(card.getByText('Je tiens le journal des salaires')).first().waitFor();
    await card.getByRole('button', { name: `Refuser la demande de ${asker.givenName} ${asker.familyName}` }).click();
    const reason = card.getByLabel(`Pourquoi refuser l'accès de ${asker.givenName} ${asker.familyName} ?`);
    await card.getByRole('button', { name: 'Refuser la demande', exact: true }).click();
    await card.getByText('Dites pourquoi vous refusez').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(manager)).toEqual([]);
    expect(await scrollWidth(manager)).toBeLessThanOrEqual(375);

    await reason.fill('Merci de passer par votre responsable.');
    await card.getByRole('button', { name: 'Refuser la demande', exact: true }).click();
    await manager
      .getByRole('status')
      .filter({ hasText: `Demande de ${asker.givenName} ${asker.familyName} refusée` })
      .waitFor();
    const refused = await waitForMail(asker.email, { subject: /^Demande d'accès refusée/ });
    expect(refused.text).toContain('Motif : « Merci de passer par votre responsable. »');

    await person.reload();
    const mine = person.getByRole('listitem').filter({ hasText: organization.legalName });
    await mine.filter({ hasText: 'refusée le' }).filter({ hasText: 'Merci de passer par votre responsable.' }).waitFor();
  }, 180_000);

  it("R22, R15: asked again, the representative accepts: the observer gets the journal's read right, is told, and the token carries it", async () => {
    await ask("Mon responsable est d'accord");
    await manager.reload();
    const card = manager.getByRole('listitem', { name: `${asker.givenName} ${asker.familyName}` });
    await card.getByRole('button', { name: `Accepter la demande de ${asker.givenName} ${asker.familyName}` }).click();
    await manager.getByRole('status').filter({ hasText: "comme Observateur, avec : Journal de l'entreprise — Consulter." }).waitFor();
    const accepted = await waitForMail(asker.email, { subject: /^Demande d'accès acceptée/ });
    expect(accepted.text).toContain("- Journal de l'entreprise : Consulter");

    await person.reload();
    await person.getByRole('listitem').filter({ hasText: organization.legalName }).filter({ hasText: 'acceptée le' }).waitFor();
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const claims = decodePayload(await serviceLogin(stack(), 'company-journal', asker)) as { organizations?: Record<string, { rights?: string[] }> };
    expect(claims.organizations?.[organization.identifier]?.rights).toEqual(['read']);
  }, 180_000);
});
