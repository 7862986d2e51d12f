import { randomBytes } from 'node:crypto';
import { cpus, hostname, totalmem } from 'node:os';
import { afterAll, beforeAll, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bearerOf, callApi } from '../helpers/api.js';
import { launchChromium, logInThroughConsole } from '../helpers/browser.js';
import { ensureConsoleBuilt } from '../helpers/console-build.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';
import { percentile } from './results.js';

/**
 * Issue 19 item 4, second half: the members list of a 10,000-member organization, through the API
 * (search, sort and page, each `BENCH_REQUESTS` times, default 200, after 20 of each not counted)
 * and the console's first screen in Chromium, signed in (from the navigation to the first rows
 * shown, 5 times after one not counted).
 * Prints a table beside the targets; docs/benchmarks.md records the results.
 */
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const members = 10_000;
let browser: Browser;
let organizationId: string;
let manager: Awaited<ReturnType<typeof createTestMember>>;
const rows: string[] = [];

beforeAll(async () => {
  const organization = await createTestOrganization({ legalName: 'Banc Grande Manufacture SA' });
  organizationId = organization.id;
  manager = await createTestMember(organization.id, 'manager', 'bench-large');
  const tag = `bench${randomBytes(3).toString('hex')}`;
  await database().query(
    `WITH people AS (
       INSERT INTO person (email, given_name, family_name)
       SELECT $2 || '-' || n || '@example.test', 'Prénom' || n, CASE WHEN n % 1000 = 0 THEN 'Zwahlen' ELSE 'Nom' || lpad(n::text, 5, '0') END
         FROM generate_series(1, $3::int) AS n RETURNING id)
     INSERT INTO membership (person_id, organization_id, role, status) SELECT id, $1, 'member', 'active' FROM people`,
    [organization.id, tag, members],
  );
  await database().query('ANALYZE membership; ANALYZE person');
  await ensureConsoleBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  console.log(
    `\nbench:members — ${new Date().toISOString().slice(0, 10)}, ${hostname()}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${members + 1} members\n`,
  );
  console.log('| measure | result | target |');
  console.log('| --- | --- | --- |');
  for (const row of rows) console.log(row);
});

function percentiles(values: number[]): { p50: number; p95: number } {
  return { p50: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)) };
}

it('the members list through the API: search, sort and page', async () => {
  const caller = await bearerOf(manager);
  const kinds: Array<[string, (i: number) => string]> = [
    [
      'search (q: a family name held by 10 members, or a prefix held by 100, in turn)',
      (i) => `?q=${i % 2 === 0 ? 'zwahlen' : 'nom0' + String(i % 100).padStart(2, '0')}`,
    ],
    ['sort (by e-mail, descending)', () => '?sort=-email'],
    ['page (a page drawn among 201)', (i) => `?page=${1 + ((i * 37) % 201)}`],
  ];
  for (const [name, query] of kinds) {
    const took: number[] = [];
    for (let i = -20; i < requests; i++) {
      const started = performance.now();
      const answer = await callApi(caller, 'get', `/organizations/${organizationId}/members${query(Math.abs(i))}`);
      if (i >= 0) took.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`${name}: ${answer.status}`);
    }
    const { p50, p95 } = percentiles(took);
    rows.push(`| members list, ${name} | p50 ${p50} ms, p95 ${p95} ms (${requests} requests) | p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : '**missed**'} |`);
  }
});

it("the console's first screen in Chromium", async () => {
  const context = await browser.newContext();
  await logInThroughConsole(await context.newPage(), manager);
  const took: number[] = [];
  for (let i = -1; i < 5; i++) {
    // Signed in: from the navigation to the console to its first rows of the members list on screen.
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${stack().publicUrl}/`);
    await page.locator('tbody tr').first().waitFor();
    if (i >= 0) took.push(performance.now() - started);
    await page.close();
  }
  await context.close();
  const { p50, p95 } = percentiles(took);
  rows.push(
    `| console's first screen, signed in (navigation to the first rows of the members list) | p50 ${p50} ms, max ${p95} ms (5 loads) | ≤ 1.5 s: ${p95 <= 1500 ? 'met' : '**missed**'} |`,
  );
});
