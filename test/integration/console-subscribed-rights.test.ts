import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * The rights forms offer only the services the organization subscribes to: the invite form and the
 * member's rights form list the catalogue's other services after, greyed, their rights disabled and
 * explained; what is saved holds subscribed rights only, and the member's token carries them.
 */
describe('console: rights only on subscribed services, in a real browser', () => {
  let page: Page;
  let organization: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let jean: Awaited<ReturnType<typeof createTestMember>>;
  const note = 'Service non souscrit : activez-le dans Services pour donner ces droits';

  const ui = consolePage(async () => {
    organization = await createTestOrganization({ legalName: 'Horlogerie Souscriptions SA' });
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    jean = await createTestMember(organization.id, 'member', 'jean');
    await subscribe(organization.id, 'employer-inbox');
  });
  beforeAll(() => void (page = ui.page));

  const rightsOf = async (email: string) =>
    (
      await database().query(
        `SELECT r.service_id, r.right_id FROM membership_right r JOIN membership m ON m.id = r.membership_id JOIN person p ON p.id = m.person_id WHERE p.email = $1 AND m.organization_id = $2 ORDER BY r.right_id`,
        [email, organization.id],
      )
    ).rows;

  it('R15, R13: the invite form offers the subscribed service; an unsubscribed one is shown after, disabled, with the note and a link to Services', async () => {
    await logInThroughConsole(page, lea);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Invitations' }).click();
    const form = page.locator('procura-invite-form');
    const inbox = form.getByRole('group', { name: 'Vos courriers' });
    await inbox.getByRole('checkbox', { name: 'Lire les courriers' }).waitFor();
    expect(await inbox.getByRole('checkbox', { name: 'Lire les courriers' }).isEnabled()).toBe(true);

    const salary = form.getByRole('group', { name: /Déclaration des salaires/ });
    const declare = salary.getByRole('checkbox', { name: 'Déclarer' });
    expect(await declare.isDisabled()).toBe(true);
    const describedBy = (await declare.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    expect(await form.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toContain(note);
    expect(await salary.getByRole('link', { name: 'Services' }).getAttribute('href')).toBe(`#/o/${organization.id}/services`);
    // The subscribed service comes first, the others after.
    const legends = await form.locator('fieldset.service legend').allTextContents();
    expect(legends[0]).toBe('Vos courriers');
    expect(legends.length).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('R15: an invitation sends only subscribed rights', async () => {
    const email = `paul-${Date.now().toString(36)}@horlogerie.example`;
    const form = page.locator('procura-invite-form');
    await form.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await form.getByRole('group', { name: 'Vos courriers' }).getByRole('checkbox', { name: 'Archiver' }).check();
    await form.getByRole('button', { name: "Envoyer l'invitation", exact: true }).click();
    await page.getByText(email, { exact: true }).first().waitFor();
    expect(await rightsOf(email)).toEqual([{ service_id: 'employer-inbox', right_id: 'archive' }]);
  });

  it("R15: the member's rights form offers the subscribed service only; the others are shown disabled with the note; the token carries what was saved", async () => {
    await page.goto(`${page.url().split('#')[0]}#/o/${organization.id}/members/${await membershipOf(jean.personId, organization.id)}`);
    await page.getByRole('heading', { name: `${jean.givenName} ${jean.familyName}`, level: 1 }).waitFor();
    const rights = page.locator('procura-member-rights');
    const service = rights.getByRole('combobox', { name: 'Service' });
    await expect.poll(() => service.locator('option:not([disabled])').allTextContents()).toEqual(['Vos courriers']);
    const salary = rights.getByRole('group', { name: /Déclaration des salaires/ });
    expect(await salary.getByRole('checkbox', { name: 'Déclarer' }).isDisabled()).toBe(true);
    expect(await salary.textContent()).toContain(note);
    expect(await seriousViolations(page)).toEqual([]);

    await service.selectOption('employer-inbox');
    await rights.getByRole('combobox', { name: 'Droit' }).selectOption('reply');
    await rights.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await rights.getByRole('button', { name: /Retirer le droit Vos courriers — Répondre/ }).waitFor();
    expect(await rightsOf(jean.email)).toEqual([{ service_id: 'employer-inbox', right_id: 'reply' }]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const claims = decodePayload(await serviceLogin(stack(), 'employer-inbox', jean)) as { organizations?: Record<string, { rights?: string[] }> };
    expect(claims.organizations?.[organization.identifier]?.rights).toEqual(['reply']);
  });

  it('R15: in English, the note reads in English; on a phone the rights table stacks and nothing scrolls sideways', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('procura-member-rights').getByText('Not subscribed: activate it in Services to give these rights').first().waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.locator('procura-member-rights').getByText(note).first().waitFor();
    expect(
      await page
        .locator('procura-member-rights tbody tr')
        .first()
        .evaluate((tr) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(tr).display),
    ).toBe('block');
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
