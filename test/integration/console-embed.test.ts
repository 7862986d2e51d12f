import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consolePage, logInThroughConsole, seriousViolations } from '../helpers/browser.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 6: the components outside the console, as custom elements on another page of the same
 * origin — the example page `console/examples/embed-members.html` (built with the console, served at
 * /examples/embed-members.html) embeds `<procura-members-list org-id>` and
 * `<procura-services-catalogue org-id>` for one organization, in Debian's Chromium against the real stack.
 */
describe('console: the components embedded in another page (the example page)', () => {
  let page: Page;
  let organization: TestOrganization;
  let other: TestOrganization;
  let lea: Awaited<ReturnType<typeof createTestMember>>;
  let jean: Awaited<ReturnType<typeof createTestMember>>;
  let stranger: Awaited<ReturnType<typeof createTestMember>>;
  const example = (orgId: string) => `${stack().publicUrl}/examples/embed-members.html?org=${orgId}`;

  const ui = consolePage(async () => {
    [organization, other] = await Promise.all([
      createTestOrganization({ legalName: 'Horlogerie Intégrée SA' }),
      createTestOrganization({ legalName: 'Autre Intégrée SA' }),
    ]);
    lea = await createTestMember(organization.id, 'legal_representative', 'lea');
    jean = await createTestMember(organization.id, 'member', 'jean');
    stranger = await createTestMember(other.id, 'member', 'paul');
    await subscribe(organization.id, 'employer-inbox');
  });
  beforeAll(() => void (page = ui.page));

  it('signed out, the embedded list says so; its page signs in and comes back to the members of the given organization', async () => {
    await page.goto(example(organization.id));
    await page.locator('procura-members-list').getByRole('alert').waitFor();
    expect(await page.locator('procura-members-list').getByRole('link').count()).toBe(0);

    await logInThroughConsole(page, lea, true);
    await page.waitForURL(example(organization.id));
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    await page.getByRole('link', { name: `${jean.familyName} ${jean.givenName}` }).waitFor();
    await page.getByRole('link', { name: `${lea.familyName} ${lea.givenName}` }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'utilisateur(s)' }).textContent()).toContain('2 utilisateur(s)');
    expect(await page.getByText(stranger.email).count(), 'nobody of another organization').toBe(0);
    // The second component, on the same page: the organization's services (R15).
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByText('1 service(s) souscrit(s)', { exact: false }).waitFor();
    // No console shell around them: no navigation of sections, no organization switcher.
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Organisation', exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  it("R21: the same page for an organization the person is not in shows the API's refusal, no member", async () => {
    await page.goto(example(other.id));
    await page.locator('procura-members-list').getByRole('alert').waitFor();
    expect(await page.getByText(stranger.email).count()).toBe(0);
  });

  it('speaks English on the embedded switch', async () => {
    await page.goto(example(organization.id));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
  });
});
