import type { Server } from 'node:http';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@procura/sync-service/app';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { loadConfig } from '@procura/sync-service/config';
import { createPool } from '@procura/sync-service/db/pool';
import { createLogger } from '@procura/sync-service/logger';
import { setRights } from '@procura/sync-service/members/rights';
import { migrate } from '@procura/sync-service/migrations';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { serviceEnvironment } from '../harness/app.js';
import { withDatabase } from '../harness/databases.js';
import { startOwnPostgres, type OwnPostgres } from '../harness/postgres-instance.js';
import { seeded } from '../harness/seeded.js';
import { testActor } from '../helpers/actor.js';
import { createOrganizationWithMembers, distinctAccounts, duplicateChildGroups, pendingRows, waitFor } from '../helpers/convergence.js';
import { keycloakAdmin, stack } from '../helpers/stack.js';
import { startWorkerProcess, stopWorkerProcess, workerOutput } from '../helpers/worker-process.js';

/**
 * Issue 15 item 3 (PostgreSQL restarted): a PostgreSQL of the test's own (never the shared one),
 * a `sync-service worker` and the API on it; rights keep changing and the server is stopped
 * (`fast` or `immediate`, in turn) while the worker drains a batch, then started again on the same
 * port. The worker and the API are never restarted: they recover by themselves, the outbox drains,
 * a reconcile plans nothing (nothing lost), no group or account exists twice (nothing twice).
 * `npm run test:chaos` only (`CHAOS_PG_RESTARTS`, the number of restarts).
 */

const restarts = Number(process.env.CHAOS_PG_RESTARTS ?? 0);
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);

let server: OwnPostgres;
let db: pg.Pool;
let url: string;
let api: { url: string; pool: pg.Pool; http: Server } | undefined;

beforeAll(async () => {
  if (restarts === 0) return;
  server = await startOwnPostgres();
  url = withDatabase(server.adminUrl, 'postgres');
  await migrate(url);
  db = createPool(url, createLogger('silent'), { max: 4 });
  await syncCatalogue(db);
  const config = loadConfig({ ...serviceEnvironment(stack()), DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const pool = createPool(url, logger);
  const http = await new Promise<Server>((resolve) => {
    const listening = createApp({ config, pool, keycloak: keycloakAdmin(), logger }).listen(0, '127.0.0.1', () => resolve(listening));
  });
  api = { url: `http://127.0.0.1:${(http.address() as { port: number }).port}`, pool, http };
}, 120_000);

afterAll(async () => {
  if (api) await new Promise<void>((resolve) => api!.http.close(() => resolve()));
  await api?.pool.end();
  await db?.end();
  await server?.destroy();
});

/** A public request that reads the database (its rate limit, then the invitation): its status. */
async function previewStatus(): Promise<number> {
  const response = await fetch(`${api!.url}/api/v1/invitations/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: 'x'.repeat(43) }),
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}

/** `work` again until the database answers (the test's own changes are made while it restarts too). */
async function whenUp<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe.skipIf(restarts === 0)('issue 15 item 3: PostgreSQL stopped mid-batch and started again', () => {
  it(`${restarts} restarts (fast and immediate) while rights change (seed ${seed}): the worker and the API recover by themselves, nothing lost, nothing twice`, async () => {
    const draw = seeded(seed).int;
    const organizations: string[] = [await createOrganizationWithMembers(db, 6)];
    const worker = startWorkerProcess(url);
    const during: number[] = [];
    let changes = 0;
    let lastStart = 0;
    try {
      expect(await previewStatus()).toBe(404);
      // The worker started (a worker that cannot reach the database at its start exits, for its supervisor to start again).
      await waitFor('the worker to drain the first organization', async () => (await pendingRows(db, organizations[0]!)) === 0);
      for (let r = 0; r < restarts; r++) {
        // A batch for the worker: a new organization (many Keycloak writes) and rights changed.
        organizations.push(await whenUp(() => createOrganizationWithMembers(db, 4 + draw(8))));
        const memberships = (await whenUp(() => db.query<{ id: string }>('SELECT id FROM membership WHERE organization_id = $1', [organizations[0]]))).rows.map(
          (row) => row.id,
        );
        for (let j = 0; j < 3; j++) {
          const rights = ['read', 'archive', 'assign', 'reply']
            .filter(() => draw(2) === 0)
            .map((rightId) => ({ serviceId: 'employer-inbox', rightId, unitId: null }));
          await whenUp(() => setRights(db, testActor, { membershipId: memberships[draw(memberships.length)]!, rights }));
          changes += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, draw(400)));
        await server.stop(r % 2 === 0 ? 'immediate' : 'fast');
        during.push(await previewStatus());
        await new Promise((resolve) => setTimeout(resolve, 500 + draw(1500)));
        await server.start();
        lastStart = Date.now();
      }
      await whenUp(() => db.query(`UPDATE outbox SET available_at = now() WHERE processed_at IS NULL`));
      await waitFor('the outbox to drain', async () => (await Promise.all(organizations.map((id) => pendingRows(db, id)))).every((n) => n === 0), 60_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}; ${workerOutput(worker)}`);
        },
      );
      const drainedMs = Date.now() - lastStart;
      await waitFor('the API to answer again', async () => (await previewStatus()) === 404, 30_000);
      const apiBackMs = Date.now() - lastStart;
      console.log(
        `issue 15 item 3 (PostgreSQL restarted, seed ${seed}): ${restarts} restarts, ${changes} changes and ${organizations.length} organizations; API while down: ${during.join(', ')}; drained ${drainedMs} ms after the last start, API back within ${apiBackMs} ms`,
      );
      expect(worker.exitCode, workerOutput(worker)).toBeNull();
      expect(during.every((status) => status === 503)).toBe(true);
    } finally {
      await stopWorkerProcess(worker, 'SIGTERM');
    }
    let checked = 0;
    for (const organizationId of organizations) {
      const lost = (await reconcile(db, keycloakAdmin(), { scope: { organizationIds: [organizationId] }, dryRun: true })).operations;
      expect(lost).toEqual([]);
      const twice = await duplicateChildGroups(db, organizationId);
      expect(twice).toEqual([]);
      const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM membership WHERE organization_id = $1', [organizationId])).rows[0]!.n;
      expect(await distinctAccounts(db, organizationId)).toBe(people);
      checked += 1;
    }
    console.log(`issue 15 item 3 (PostgreSQL restarted): lost 0, twice 0 (reconcile plans nothing, no group nor account twice) over ${checked} organizations`);
  }, 300_000);
});
