import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInThroughConsole } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * The members list at 10,000 members, in Chromium: the page holds one page of rows, and searching,
 * sorting and paging stay quick because the API does the work.
 */
describe('console: the members list at 10,000 members', () => {
  let browser: Browser;
  let page: Page;
  let organization: TestOrganization;
  let manager: Awaited<ReturnType<typeof createTestMember>>;

  beforeAll(async () => {
    organization = await createTestOrganization({ legalName: 'Grande Manufacture SA' });
    manager = await createTestMember(organization.id, 'manager', 'large');
    const tag = `big${randomBytes(3).toString('hex')}`;
    await database().query(
      `WITH people AS (
         INSERT INTO person (email, given_name, family_name)
         SELECT $2 || '-' || n || '@example.test', 'Prénom' || n, CASE WHEN n % 1000 = 0 THEN 'Zwahlen' ELSE 'Nom' || lpad(n::text, 5, '0') END
           FROM generate_series(1, 10000) AS n RETURNING id)
       INSERT INTO membership (person_id, organization_id, role, status) SELECT id, $1, 'member', 'active' FROM people`,
      [organization.id, tag],
    );
    await database().query('ANALYZE membership; ANALYZE person');
    await ensureConsoleBuilt();
    browser = await launchChromium();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  const count = (text: string) => () => page.getByRole('status').filter({ hasText: text }).waitFor();
  const firstRow = () => page.locator('tbody tr').first().textContent();

  it('shows 50 rows of 10,001, searches, sorts and pages', async () => {
    await logInThroughConsole(page, manager);
    await page.getByRole('status').filter({ hasText: '10001 utilisateur(s)' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.getByText('Page 1 sur 201', { exact: true }).count()).toBe(1);

    // How fast each step answers is measured by `npm run bench:members`, not here.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('zwahlen');
    await count('10 utilisateur(s)')();
    expect(await page.locator('tbody tr').count()).toBe(10);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await count('10001 utilisateur(s)')();
    const before = await firstRow();
    await page.getByRole('button', { name: 'E-mail' }).click();
    await expect.poll(firstRow, { interval: 20 }).not.toBe(before);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByText('Page 2 sur 201', { exact: true }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(50);
  }, 90_000);
});
