import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile, shippedProfiles, type Profile } from '@procura/sync-service/profile/profile';
import { demoPassword, worldFor, type DemoOrganization, type Role } from '@procura/sync-service/demo';
import { managerRoles } from '@procura/sync-service/domain/roles';
import { resultTable } from '../bench/results.js';
import { cacheDir, repoRoot } from '../harness/paths.js';
import { resolvePostgres, type PostgresServer } from '../harness/postgres.js';
import { launchChromium, logInThroughConsole } from '../helpers/browser.js';
import { startPortal, stillRunning, type StartedPortal } from './started-portal.js';

/**
 * Issue 17's "done when": on a fresh clone each shipped profile starts with
 * `npm start -- --profile NAME` (own ports, own database), the demo person the README lists for it
 * signs in for real (password, then the code e-mailed to the start's mail sink, R2) and sees that
 * portal's console; Ctrl-C stops it all. One profile after the other: each start runs a Keycloak.
 */
const results = resultTable();

/** The README's "profile | first demo login" table: the e-mails of each profile's row. */
function demoLogins(): Map<string, string[]> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| profile | first demo login |'));
  const lines = table.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('|'));
  const rows = lines.slice(2, end);
  return new Map(
    rows.map((row) => {
      const [, profile, logins] = row.split('|').map((cell) => cell.trim());
      return [profile!.replace(/`/g, ''), [...logins!.matchAll(/`([^`]+@[^`]+)`/g)].map((m) => m[1]!)];
    }),
  );
}

interface Standing {
  readonly memberships: ReadonlyArray<{ organization: DemoOrganization; role: Role }>;
  /** R25: the clients `email` acts for as a fiduciary's delegate, and through which fiduciary. */
  readonly clients: ReadonlyArray<{ client: DemoOrganization; via: DemoOrganization }>;
}

/** Where `email` stands in the profile's demo world. */
function standingOf(id: string, email: string): Standing {
  const world = worldFor(id);
  const byKey = (key: string): DemoOrganization => world.organizations.find((organization) => organization.key === key)!;
  const memberships = world.organizations.flatMap((organization) =>
    organization.members.filter((member) => member.email === email).map(({ role }) => ({ organization, role })),
  );
  const clients = world.mandates
    .filter((mandate) => mandate.delegate === email)
    .map((mandate) => ({ client: byKey(mandate.client), via: byKey(mandate.fiduciary) }));
  if (memberships.length === 0) throw new Error(`${email} is in no organization of ${id}'s demo world`);
  return { memberships, clients };
}

let browser: Browser;
let postgres: PostgresServer;
beforeAll(async () => {
  // The server npm start would use (DATABASE_URL's, else the local one, else an embedded one for this run).
  postgres = await resolvePostgres((message) => console.log(`[profiles] ${message}`), {
    path: join(cacheDir, `postgres-profiles-${process.pid}`),
    temporary: true,
  });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await postgres?.stop();
  results.print('npm start -- --profile NAME, each shipped profile', 'start to ready, then a demo login in Chromium');
});

describe('npm start -- --profile NAME: each shipped profile, a demo person signed in', () => {
  const logins = demoLogins();

  it('the README names a demo login for every shipped profile', () => {
    expect([...logins.keys()].sort()).toEqual([...shippedProfiles()].sort());
    for (const emails of logins.values()) expect(emails.length).toBeGreaterThan(0);
  });

  for (const id of shippedProfiles()) {
    it(`${id}: starts, its demo person signs in and sees the portal's console; Ctrl-C leaves no process`, async () => {
      const profile = loadProfile({ PROCURA_PROFILE: id });
      const started = await startPortal(id, postgres.adminUrl);
      try {
        results.record(`${id}: start to ready`, `${Math.round(started.readyAfterMs / 1000)} s`);
        // Each demo login of the README's row, in a browser of its own (no session shared).
        for (const email of logins.get(id) ?? []) {
          const context = await browser.newContext({ locale: 'fr-CH' });
          try {
            await seesPortalConsole(await context.newPage(), started, profile, email);
          } finally {
            await context.close();
          }
          results.record(`${id}: demo login`, `ok (${email})`);
        }
        await stopsEverything(started);
      } finally {
        await started.cleanUp();
      }
    }, 600_000);
  }
});

/**
 * Signs `email` in and checks the header (the portal's name; the organizations with the profile's
 * label of the person's role, and the clients acted for through a mandate), the sections the profile
 * turns on or off, and for a manager the members with the profile's labels of their roles.
 */
async function seesPortalConsole(page: Page, started: StartedPortal, profile: Profile, email: string): Promise<void> {
  const { memberships, clients } = standingOf(profile.id, email);
  await logInThroughConsole(page, { email, password: demoPassword }, false, started.consoleUrl, started.mailWebUrl);
  await expect.poll(() => page.locator('procura-app procura-portal-brand .name').textContent(), { timeout: 15_000 }).toBe(profile.name.fr);
  const switcher = [
    ...memberships.map(({ organization, role }) => `${organization.legalName} — ${profile.roles.labels[role].fr}`),
    ...clients.map(({ client, via }) => `${client.legalName} — via ${via.legalName}`),
  ];
  const shown =
    switcher.length === 1
      ? [await page.locator('procura-org-switcher .single').textContent()]
      : await page.locator('procura-org-switcher select#organization option').allTextContents();
  expect(shown.map((text) => text?.trim()).sort()).toEqual(switcher.sort());
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('link', { name: 'Organisation' }).waitFor({ timeout: 15_000 });
  expect(await sections.getByRole('link', { name: 'Mandats' }).count()).toBe(profile.mandates.enabled ? 1 : 0);
  if (memberships.length > 1) return;
  const { organization, role } = memberships[0]!;
  const manages = managerRoles.includes(role);
  expect(await sections.getByRole('link', { name: 'Clé de sécurité courrier' }).count()).toBe(manages && profile.activation.mailSecurityKey ? 1 : 0);
  if (!manages) return;
  await sections.getByRole('link', { name: 'Utilisateurs' }).click();
  for (const member of organization.members) {
    const row = page.locator('procura-members-list tbody tr').filter({ hasText: member.email });
    await row.first().waitFor({ timeout: 15_000 });
    expect(await row.first().textContent(), member.email).toContain(profile.roles.labels[member.role].fr);
  }
}

/** Ctrl-C: npm exits, every process it started is gone and its ports are free again. */
async function stopsEverything(started: StartedPortal): Promise<void> {
  const processes = started.processes();
  expect(processes.length).toBeGreaterThan(3);
  await started.interrupt();
  await expect.poll(() => stillRunning(processes), { timeout: 30_000, interval: 500 }).toEqual([]);
  // A socket of the stopped Keycloak may linger a moment in the kernel; a second start needs the ports soon, not at once.
  for (const port of started.ports) {
    const free = await portFreeWithin(port, 30_000);
    expect(free, `port ${port} still taken: ${free ? '' : holders(port)}`).toBe(true);
  }
}

async function portFreeWithin(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await portFree(port))) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return true;
}

/** What `ss` says holds `port` (for the failure's message). */
function holders(port: number): string {
  return spawnSync('ss', ['-tanp', `sport = :${port}`], { encoding: 'utf8' }).stdout?.trim() ?? '(ss unavailable)';
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
