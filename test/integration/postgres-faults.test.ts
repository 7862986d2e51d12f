import type { Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createPool } from '@procura/sync-service/db/pool';
import { untilDatabaseAnswers } from '@procura/sync-service/db/start';
import { listMigrations, migrate } from '@procura/sync-service/migrations';
import { createLogger } from '@procura/sync-service/logger';
import { setRights } from '@procura/sync-service/members/rights';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { serviceEnvironment } from '../harness/app.js';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../harness/tcp-fault-proxy.js';
import { seeded } from '../harness/seeded.js';
import { testActor } from '../helpers/actor.js';
import { bearerOf } from '../helpers/api.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { keycloakAdmin, stack } from '../helpers/stack.js';
import { ownDatabase, startWorkerProcess, stopWorkerProcess, workerOutput } from '../helpers/worker-process.js';
import { createOrganizationWithMembers, duplicateChildGroups, pendingRows, waitFor } from '../helpers/convergence.js';

/**
 * Issue 15 item 3 (PostgreSQL): a TCP proxy of the project's own in front of PostgreSQL drops
 * connections mid-stream, delays chunks and refuses new connections at a seeded rate, while a
 * `sync-service worker` (its own database) and the API (the run's database) go through it and
 * rights change at a steady pace. The worker never dies, the API answers every request, as it
 * should or 503 `database.unavailable` (never a 500, never a hang); once the faults stop the outbox
 * drains, a reconcile plans nothing (nothing lost) and no group exists twice (nothing twice).
 * `PG_FAULT_CHANGES` (15) changes at `PG_FAULT_RATE` (5% of the chunks) in `npm test`; `npm run test:chaos` more.
 */

const changeCount = Number(process.env.PG_FAULT_CHANGES ?? 15);
const faultRate = Number(process.env.PG_FAULT_RATE ?? 0.05);
const seed = Number(process.env.PG_FAULT_SEED ?? Date.now() % 1_000_000);
const allFaults = ['refuse', 'drop', 'delay'] as const;

const own = ownDatabase('pgfaults');
let proxy: TcpFaultProxy;
let api: { url: string; pool: pg.Pool; server: Server };
let manager: { bearer: string };
let managedOrganization: string;

beforeAll(async () => {
  const target = new URL(stack().postgres.adminUrl);
  proxy = await startTcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) }, seed);
  const organization = await createTestOrganization({ legalName: 'Pannes PostgreSQL SA' });
  managedOrganization = organization.id;
  manager = await bearerOf(await createTestMember(organization.id, 'legal_representative', 'pgfaults-rep'));
  api = await startApiThrough(proxy);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (api ? api.server.close(() => resolve()) : resolve()));
  await api?.pool.end();
  await proxy?.close();
  await own.drop();
});

/** The sync-service app in-process, its pool through the proxy to the run's database, as `server.ts` builds it. */
async function startApiThrough(faults: TcpFaultProxy): Promise<{ url: string; pool: pg.Pool; server: Server }> {
  const config = loadConfig({ ...serviceEnvironment(stack()), DATABASE_URL: faults.through(stack().databaseUrl), LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const pool = createPool(config.databaseUrl, logger);
  const app = createApp({ config, pool, keycloak: keycloakAdmin(), logger });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, pool, server };
}

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly ms: number;
}

/** One API call that reads the database (the caller's standing, the members): what came back, and how long it took. */
async function listMembers(): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${api.url}/api/v1/organizations/${managedOrganization}/members`, {
    headers: { authorization: `Bearer ${manager.bearer}` },
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as { code?: string; messages?: { fr?: string; en?: string } };
  if (response.status === 503) expect(body.messages).toEqual({ fr: expect.stringMatching(/base de données/), en: expect.stringMatching(/database/) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', code: body.code, ms: Date.now() - started };
}

describe('issue 15 item 3: PostgreSQL through injected faults', () => {
  it('an API request that cannot reach the database answers 503 database.unavailable at once, and 200 once it is back', async () => {
    expect((await listMembers()).status).toBe(200);
    proxy.outage(true);
    try {
      const refused = await listMembers();
      expect(refused).toMatchObject({ status: 503, code: 'database.unavailable', type: expect.stringMatching(/^application\/problem\+json/) });
      expect(refused.ms).toBeLessThan(6000);
    } finally {
      proxy.outage(false);
    }
    expect((await listMembers()).status).toBe(200);
  });

  it("the server's start waits for PostgreSQL: migrations through an outage then dropped connections are applied once it answers", async () => {
    const name = `procura_pgfaults_migrate_${seed}`;
    const url = await createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
    try {
      const throughProxy = proxy.through(url);
      proxy.outage(true);
      const logger = createLogger('silent');
      const started = untilDatabaseAnswers('migrations', () => migrate(throughProxy), logger, 30_000);
      await new Promise((r) => setTimeout(r, 1200));
      proxy.outage(false);
      proxy.set(0.05, ['drop']);
      await new Promise((r) => setTimeout(r, 2000));
      proxy.set(0, allFaults);
      await started;
      // Each attempt keeps what it committed: the last one may have applied only the rest.
      const applied = new pg.Client({ connectionString: url });
      await applied.connect();
      try {
        expect((await applied.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version')).rows.map((r) => r.version)).toEqual(
          listMigrations().map((m) => m.version),
        );
      } finally {
        await applied.end();
      }
      expect(await migrate(url)).toEqual([]);
    } finally {
      proxy.set(0, allFaults);
      proxy.outage(false);
      await dropOwnedDatabase(stack().postgres.adminUrl, name);
    }
  });

  it('a worker started while PostgreSQL cannot be reached waits for it, then drains what was committed meanwhile', async () => {
    const db = await own.pool();
    const organizationId = await createOrganizationWithMembers(db, 2);
    const [membershipId] = (
      await db.query<{ id: string }>('SELECT id FROM membership WHERE organization_id = $1 ORDER BY id LIMIT 1', [organizationId])
    ).rows.map((r) => r.id);
    await setRights(db, testActor, { membershipId: membershipId!, rights: [{ serviceId: 'employer-inbox', rightId: 'read', unitId: null }] });
    proxy.outage(true);
    const worker = startWorkerProcess(proxy.through(await own.url()));
    try {
      // Before the fix, the worker's start (the profile claim) threw and the process exited 1.
      await waitFor(
        'the worker to wait for the database, or exit',
        async () => worker.exitCode !== null || /database unavailable at start/.test(workerOutput(worker)),
        20_000,
      );
      expect(worker.exitCode, workerOutput(worker)).toBeNull();
      proxy.outage(false);
      await waitFor('the outbox to drain', async () => (await pendingRows(db, organizationId)) === 0, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}; ${workerOutput(worker)}`);
      });
      expect(worker.exitCode, workerOutput(worker)).toBeNull();
    } finally {
      proxy.outage(false);
      await stopWorkerProcess(worker, 'SIGTERM');
    }
    expect((await reconcile(db, keycloakAdmin(), { scope: { organizationIds: [organizationId] }, dryRun: true })).operations).toEqual([]);
  }, 120_000);

  it(`${changeCount} changes while the worker and the API go through ${Math.round(faultRate * 100)}% faults (seed ${seed}): no crash, no 500, converges`, async () => {
    const db = await own.pool();
    const organizationId = await createOrganizationWithMembers(db, 6);
    const memberships = (await db.query<{ id: string }>('SELECT id FROM membership WHERE organization_id = $1 ORDER BY id', [organizationId])).rows.map(
      (r) => r.id,
    );
    const worker = startWorkerProcess(proxy.through(await own.url()));
    const draw = seeded(seed).int;
    const answers: Answer[] = [];
    let drainedMs = 0;
    try {
      proxy.set(faultRate);
      for (let i = 0; i < changeCount; i++) {
        const membershipId = memberships[draw(memberships.length)]!;
        const rights = ['read', 'archive', 'assign', 'reply']
          .filter(() => draw(2) === 0)
          .map((rightId) => ({ serviceId: 'employer-inbox', rightId, unitId: null }));
        await setRights(db, testActor, { membershipId, rights });
        answers.push(await listMembers());
        await new Promise((r) => setTimeout(r, 50 + draw(150)));
      }
      proxy.set(0);
      const lastFault = Date.now();
      // Rows that failed wait for their backoff: made due now, so that the figure is the worker's, not the backoff's.
      await db.query(`UPDATE outbox SET available_at = now() WHERE aggregate_id = $1 AND processed_at IS NULL`, [organizationId]);
      expect(worker.exitCode, workerOutput(worker)).toBeNull();
      await waitFor('the outbox to drain', async () => (await pendingRows(db, organizationId)) === 0, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}; ${workerOutput(worker)}`);
      });
      drainedMs = Date.now() - lastFault;
      expect(worker.exitCode, workerOutput(worker)).toBeNull();
      expect(workerOutput(worker)).not.toMatch(/uncaught|unhandled/i);
    } finally {
      await stopWorkerProcess(worker, 'SIGTERM');
    }
    const lost = (await reconcile(db, keycloakAdmin(), { scope: { organizationIds: [organizationId] }, dryRun: true })).operations;
    const twice = await duplicateChildGroups(db, organizationId);
    const { connections, chunks, refuse, drop, delay } = proxy.counts;
    const unavailable = answers.filter((a) => a.status === 503).length;
    console.log(
      `issue 15 item 3 (PostgreSQL faults, seed ${seed}): ${changeCount} changes, ${connections} connections, ${chunks} chunks, faults ${refuse + drop + delay} (refused ${refuse} / dropped ${drop} / delayed ${delay}); API ${answers.length} calls, ${unavailable} answered 503, slowest ${Math.max(...answers.map((a) => a.ms))} ms; drained ${drainedMs} ms after the last fault; lost ${lost.length}, twice ${twice.length}`,
    );
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    expect(answers.filter((a) => a.status === 503).every((a) => a.code === 'database.unavailable')).toBe(true);
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
  }, 300_000);
});
