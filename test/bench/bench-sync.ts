/**
 * `npm run bench:sync`: the projection's speed on dataset M (1,000 organizations, 3,000 units,
 * 10,000 people, 25,000 memberships, 5 services × 4 rights, 500 mandates), against a real Keycloak
 * and PostgreSQL started for the run. Prints a table; docs/benchmarks.md records the results.
 * `BENCH_SCALE=0.1 npm run bench:sync` runs a smaller dataset (a quick check).
 */
import { hostname, cpus, totalmem } from 'node:os';
import pg from 'pg';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { runCommand } from '@procura/sync-service/commands/command';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { startOutboxWorker } from '@procura/sync-service/projection/outbox-worker';
import { createLogger } from '@procura/sync-service/logger';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { installExitHandlers } from '../harness/processes.js';
import { startStack, type StackInfo } from '../harness/stack.js';
import { migrate } from '@procura/sync-service/migrations';
import { progressLine } from '@procura/sync-service/cli/progress';
import { datasetM, generateDataset, scaled } from './dataset.js';
import { exampleAccessToken } from './tokens.js';
import { largestTokens } from './token-size.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const log = (message: string): void => console.log(`[bench] ${message}`);
/** A measure, and the issue's target for it with whether this run met it. */
const results: Array<{ name: string; value: string; target: string }> = [];
const record = (name: string, value: string, target?: { goal: string; met: boolean }): void => {
  results.push({ name, value, target: target ? `${target.goal}: ${target.met ? 'met' : '**missed**'}` : '' });
  log(`${name}: ${value}${target ? ` (${target.goal}: ${target.met ? 'met' : 'missed'})` : ''}`);
};

// Alone on the machine: Keycloak keeps its own connection pool (100), as in production.
const stack = await startStack({ purpose: 'test', log, keycloakDbPoolMax: 100 });
installExitHandlers(() => stack.stop());
const pool = new pg.Pool({ connectionString: stack.info.databaseUrl, max: 20 });
try {
  await syncCatalogue(pool);
  const keycloak = admin(stack.info);
  const size = scaled(datasetM, scale);
  let started = Date.now();
  const dataset = await generateDataset(pool, size, 'M');
  log(`dataset generated in ${seconds(started)} s: ${JSON.stringify(size)}`);

  const entities = await countEntities(pool);
  const cold = await timed('cold full projection', () => reconcile(pool, keycloak, { scope: { all: true }, concurrency: 16, progress: bar('cold') }));
  const changes = cold.result.operations.length;
  record('cold full projection', `${cold.seconds} s, ${changes} changes in ${cold.result.calls.writes} write calls, ${rate(changes, cold.ms)} changes/s, ${rate(entities, cold.ms)} entities/s`, { goal: '≤ 10 min', met: cold.ms <= 600_000 });
  const phases: string[] = [];
  const noop = await timed('no-op reconcile', () => reconcile(pool, keycloak, { scope: { all: true }, concurrency: 16, timings: (name, ms) => phases.push(`${name} ${ms} ms`) }));
  record('no-op reconcile', `${noop.seconds} s, ${noop.result.calls.writes} writes, ${noop.result.calls.reads} reads (${phases.join(', ')})`, { goal: '0 writes in ≤ 5 s', met: noop.result.calls.writes === 0 && noop.ms <= 5_000 });

  const propagation = await measurePropagation(pool, stack.info, dataset.organizationIds);
  record('propagation at 50 changes/s (commit → fresh token)', `p50 ${propagation.p50} ms, p95 ${propagation.p95} ms, p99 ${propagation.p99} ms (${propagation.samples} samples)`, { goal: 'p95 ≤ 1 s', met: propagation.p95 <= 1_000 });
  record('outbox batches during the propagation test', propagation.perBatch);

  const tokens = await largestTokens(pool, stack.info, keycloak);
  for (const token of tokens) record(token.name, token.value, token.bounded ? { goal: '≤ 4 KB', met: token.bytes <= 4096 } : undefined);

  const naive = await naiveBaseline(stack.info, scaled(size, 0.1));
  record('naive baseline (one admin call at a time, M/10)', `${naive.seconds} s, ${naive.writes} write calls, ${rate(naive.entities, naive.ms)} entities/s`);
  const speedUp = rate(entities, cold.ms) / rate(naive.entities, naive.ms);
  record('speed-up over the naive baseline', `${speedUp.toFixed(1)}×`, { goal: '≥ 3×', met: speedUp >= 3 });
} finally {
  await pool.end();
  await stack.stop();
}
printTable();

function admin(info: StackInfo) {
  return createKeycloakAdmin({ url: info.keycloak.url, realm: info.keycloak.realm, clientId: info.clients.sync.clientId, clientSecret: info.clients.sync.secret });
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<{ result: T; ms: number; seconds: string }> {
  log(`${what}…`);
  const started = Date.now();
  const result = await work();
  const ms = Date.now() - started;
  return { result, ms, seconds: (ms / 1000).toFixed(1) };
}

function bar(label: string) {
  const line = progressLine(label);
  return (done: number, total: number, phase: string) => {
    line.update(done, total, phase);
    if (done === total) line.end();
  };
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

async function countEntities(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM organization) + (SELECT count(*) FROM unit) + (SELECT count(*) FROM person)
          + (SELECT count(*) FROM membership) + (SELECT count(*) FROM membership_right) + (SELECT count(*) FROM mandate)
          + (SELECT count(*) FROM mandate_delegate_right) AS n`,
  );
  return Number(rows[0]!.n);
}

/**
 * 50 changes a second for 20 s through the outbox worker: each grants a right to a member; one in
 * ten is timed from its commit until a freshly issued token for that person shows the right (polled
 * every 100 ms for 2 s, then every second: issuing tokens costs Keycloak CPU, and the pollers must
 * not become the load).
 */
async function measurePropagation(db: pg.Pool, info: StackInfo, organizationIds: string[]): Promise<{ p50: number; p95: number; p99: number; samples: number; perBatch: string }> {
  const batches: Array<{ rows: number; changes: number; writes: number; ms: Record<string, number> }> = [];
  const totals = (): number[] => batches.map((b) => Object.values(b.ms).reduce((sum, ms) => sum + ms, 0));
  // The worker's own debug log says what each batch cost; warnings still reach the console.
  const logger = createLogger('debug', {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg: string; rows?: number; changes?: number; writes?: number; ms?: Record<string, number> };
      if (entry.msg === 'outbox applied' && entry.rows && entry.ms) batches.push({ rows: entry.rows, changes: entry.changes ?? 0, writes: entry.writes ?? 0, ms: entry.ms });
      else if (entry.level >= 40) process.stdout.write(line);
    },
  });
  const worker = startOutboxWorker(db, admin(info), { databaseUrl: info.databaseUrl, logger, pollMs: 500 });
  const candidates = await db.query<{ membership_id: string; organization_id: string; person_id: string; identifier: string; keycloak_user_id: string; service_id: string }>(
    `SELECT m.id AS membership_id, o.id AS organization_id, p.id AS person_id, o.identifier, p.keycloak_user_id, s.service_id
       FROM membership m JOIN organization o ON o.id = m.organization_id JOIN person p ON p.id = m.person_id
       JOIN subscription s ON s.organization_id = o.id
      WHERE m.status = 'active' AND p.keycloak_user_id IS NOT NULL AND o.id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM membership_right r WHERE r.membership_id = m.id AND r.service_id = s.service_id AND r.right_id = 'read' AND r.unit_id IS NULL)
      ORDER BY random() LIMIT 1000`,
    [organizationIds],
  );
  const latencies: number[] = [];
  const checks: Promise<void>[] = [];
  const started = Date.now();
  for (const [i, change] of candidates.rows.entries()) {
    const due = started + i * 20;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    if (Date.now() - started > 20_000) break;
    // As the setRights command asks it: the projection of that member's groups (decision 0018).
    await runCommand(db, { personId: null, label: 'bench' }, async ({ tx, projectPeople }) => {
      await tx.query(`INSERT INTO membership_right (membership_id, service_id, right_id) VALUES ($1, $2, 'read')`, [change.membership_id, change.service_id]);
      projectPeople([change.organization_id], [change.person_id]);
    });
    const committed = Date.now();
    if (i % 10 === 0) checks.push(waitUntilVisible(info, change, committed).then((ms) => void latencies.push(ms), () => void latencies.push(60_000)));
  }
  try {
    await Promise.all(checks);
  } finally {
    await worker.stop();
  }
  const at = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  const phase = (name: string): string => `${name} ${at(batches.map((b) => b.ms[name] ?? 0), 0.5)}/${at(batches.map((b) => b.ms[name] ?? 0), 0.95)}`;
  const rows = batches.reduce((sum, b) => sum + b.rows, 0);
  // The first batches show how a queue starts (a slow first batch makes the next ones larger).
  const firstBatches = batches.slice(0, 6).map((b, i) => `${b.rows} rows/${b.changes} changes/${b.writes} writes in ${totals()[i]} ms`).join('; ');
  const perBatch = `${batches.length} batches of ${(rows / Math.max(1, batches.length)).toFixed(1)} rows; ms p50/p95: total ${at(totals(), 0.5)}/${at(totals(), 0.95)}, ${['snapshot', 'desired', 'focus', 'read', 'plan', 'apply'].map(phase).join(', ')}; first: ${firstBatches}`;
  return { p50: at(latencies, 0.5), p95: at(latencies, 0.95), p99: at(latencies, 0.99), samples: latencies.length, perBatch };
}

async function waitUntilVisible(info: StackInfo, change: { keycloak_user_id: string; identifier: string; service_id: string }, committed: number): Promise<number> {
  for (;;) {
    const token = JSON.parse(await exampleAccessToken(info, `svc-${change.service_id}`, change.keycloak_user_id)) as { organizations?: Record<string, { rights?: string[] }> };
    if (token.organizations?.[change.identifier]?.rights?.includes('read')) return Date.now() - committed;
    if (Date.now() - committed > 60_000) return 60_000;
    // Every 100 ms around the 1 s target, then every second: a hundred late samples polling ten
    // times a second issued a thousand tokens a second, which slowed Keycloak and made them later.
    await new Promise((r) => setTimeout(r, Date.now() - committed < 2_000 ? 100 : 1_000));
  }
}

/** The same projection on M/10 in a database of its own, one admin API call at a time (no bulk endpoint). */
async function naiveBaseline(info: StackInfo, size: ReturnType<typeof scaled>): Promise<{ ms: number; seconds: string; writes: number; entities: number }> {
  const name = `procura_bench_naive_${Date.now().toString(36)}`;
  const url = await createOwnedDatabase(info.postgres.adminUrl, name, 'test');
  const db = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await migrate(url);
    await syncCatalogue(db);
    await generateDataset(db, size, 'N');
    const entities = await countEntities(db);
    const run = await timed('naive baseline', () => reconcile(db, admin(info), { scope: { all: true }, concurrency: 1, bulk: false, progress: bar('naive') }));
    return { ms: run.ms, seconds: run.seconds, writes: run.result.calls.writes, entities };
  } finally {
    await db.end();
    await dropOwnedDatabase(info.postgres.adminUrl, name);
  }
}

function printTable(): void {
  const width = Math.max(...results.map(({ name }) => name.length));
  console.log(`\nbench:sync — ${new Date().toISOString().slice(0, 10)}, ${hostname()}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, scale ${scale}\n`);
  console.log(`| ${'measure'.padEnd(width)} | result | target |`);
  console.log(`| ${'-'.repeat(width)} | --- | --- |`);
  for (const { name, value, target } of results) console.log(`| ${name.padEnd(width)} | ${value} | ${target} |`);
}
