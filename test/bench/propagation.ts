import type pg from 'pg';
import type { KeycloakAdmin } from '@procura/sync-service/keycloak';
import { runCommand } from '@procura/sync-service/commands/command';
import { startOutboxWorker } from '@procura/sync-service/projection/outbox-worker';
import { createLogger } from '@procura/sync-service/logger';
import type { StackInfo } from '../harness/stack.js';
import { exampleAccessToken } from './tokens.js';

type Change = { membership_id: string; organization_id: string; person_id: string; identifier: string; keycloak_user_id: string; service_id: string };
type Batch = { rows: number; changes: number; writes: number; ms: Record<string, number> };

export interface Propagation {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly samples: number;
  /** The same measures during the warm-up, which are not counted. */
  readonly warmUp: { readonly p50: number; readonly p95: number; readonly samples: number };
  /** What the worker's batches cost during the measurement. */
  readonly perBatch: string;
}

/** Changes a second, and how long the warm-up and the measurement last. */
const rate = 50;
const warmUpMs = 5_000;
const measureMs = 20_000;

/**
 * 50 changes a second through the outbox worker: each grants a right to a member; one in ten is
 * timed from its commit until a freshly issued token for that person shows the right (polled every
 * 100 ms for 2 s, then every second: issuing tokens costs Keycloak CPU, and the pollers must not
 * become the load). The first 5 s warm up the code paths of Keycloak's JVM and the worker's
 * connections (a fresh Keycloak takes 3–4× longer over its first batches), measured apart and not
 * counted; then 20 s are measured.
 */
export async function measurePropagation(db: pg.Pool, keycloak: KeycloakAdmin, info: StackInfo, organizationIds: string[]): Promise<Propagation> {
  let batches: Batch[] = [];
  // The worker's own debug log says what each batch cost; warnings still reach the console.
  const logger = createLogger('debug', {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg: string; rows?: number; changes?: number; writes?: number; ms?: Record<string, number> };
      if (entry.msg === 'outbox applied' && entry.rows && entry.ms)
        batches.push({ rows: entry.rows, changes: entry.changes ?? 0, writes: entry.writes ?? 0, ms: entry.ms });
      else if (entry.level >= 40) process.stdout.write(line);
    },
  });
  const worker = startOutboxWorker(db, keycloak, { databaseUrl: info.databaseUrl, logger, pollMs: 500 });
  const warmUpCount = (warmUpMs / 1000) * rate;
  const { rows: candidates } = await db.query<Change>(
    `SELECT m.id AS membership_id, o.id AS organization_id, p.id AS person_id, o.identifier, p.keycloak_user_id, s.service_id
       FROM membership m JOIN organization o ON o.id = m.organization_id JOIN person p ON p.id = m.person_id
       JOIN subscription s ON s.organization_id = o.id
      WHERE m.status = 'active' AND p.keycloak_user_id IS NOT NULL AND o.id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM membership_right r WHERE r.membership_id = m.id AND r.service_id = s.service_id AND r.right_id = 'read' AND r.unit_id IS NULL)
      ORDER BY random() LIMIT $2`,
    [organizationIds, warmUpCount + (measureMs / 1000) * rate],
  );
  let warmUp: number[];
  let latencies: number[];
  try {
    warmUp = await drive(db, info, candidates.slice(0, warmUpCount), warmUpMs);
    batches = [];
    latencies = await drive(db, info, candidates.slice(warmUpCount), measureMs);
  } finally {
    await worker.stop();
  }
  return {
    p50: at(latencies, 0.5),
    p95: at(latencies, 0.95),
    p99: at(latencies, 0.99),
    samples: latencies.length,
    warmUp: { p50: at(warmUp, 0.5), p95: at(warmUp, 0.95), samples: warmUp.length },
    perBatch: describeBatches(batches),
  };
}

/** Commits `changes` at the rate for `durationMs`; answers the latencies of one in ten, once all are seen. */
async function drive(db: pg.Pool, info: StackInfo, changes: readonly Change[], durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const checks: Promise<void>[] = [];
  const started = Date.now();
  for (const [i, change] of changes.entries()) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    if (Date.now() - started > durationMs) break;
    // As the setRights command asks it: the projection of that member's groups (decision 0018).
    await runCommand(db, { personId: null, label: 'bench' }, async ({ tx, projectPeople }) => {
      await tx.query(`INSERT INTO membership_right (membership_id, service_id, right_id) VALUES ($1, $2, 'read')`, [change.membership_id, change.service_id]);
      projectPeople([change.organization_id], [change.person_id]);
    });
    const committed = Date.now();
    if (i % 10 === 0)
      checks.push(
        waitUntilVisible(info, change, committed).then(
          (ms) => void latencies.push(ms),
          () => void latencies.push(60_000),
        ),
      );
  }
  await Promise.all(checks);
  return latencies;
}

function at(values: readonly number[], q: number): number {
  return [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
}

function describeBatches(batches: readonly Batch[]): string {
  // Sub-phases (`focus.provider`) are parts of their phase: not added twice.
  const totals = batches.map((b) => Object.entries(b.ms).reduce((sum, [name, ms]) => (name.includes('.') ? sum : sum + ms), 0));
  const phase = (name: string): string =>
    `${name} ${at(
      batches.map((b) => b.ms[name] ?? 0),
      0.5,
    )}/${at(
      batches.map((b) => b.ms[name] ?? 0),
      0.95,
    )}`;
  const rows = batches.reduce((sum, b) => sum + b.rows, 0);
  // The first batches show how a queue starts (a slow first batch makes the next ones larger).
  const first = batches
    .slice(0, 6)
    .map((b, i) => `${b.rows} rows/${b.changes} changes/${b.writes} writes in ${totals[i]} ms`)
    .join('; ');
  const phases = ['snapshot', 'desired', 'focus', 'focus.provider', 'focus.narrow', 'read', 'plan', 'apply'].map(phase).join(', ');
  return `${batches.length} batches of ${(rows / Math.max(1, batches.length)).toFixed(1)} rows; ms p50/p95: total ${at(totals, 0.5)}/${at(totals, 0.95)}, ${phases}; first: ${first}`;
}

async function waitUntilVisible(
  info: StackInfo,
  change: { keycloak_user_id: string; identifier: string; service_id: string },
  committed: number,
): Promise<number> {
  for (;;) {
    const token = JSON.parse(await exampleAccessToken(info, `svc-${change.service_id}`, change.keycloak_user_id)) as {
      organizations?: Record<string, { rights?: string[] }>;
    };
    if (token.organizations?.[change.identifier]?.rights?.includes('read')) return Date.now() - committed;
    if (Date.now() - committed > 60_000) return 60_000;
    // Every 100 ms around the 1 s target, then every second: a hundred late samples polling ten
    // times a second issued a thousand tokens a second, which slowed Keycloak and made them later.
    await new Promise((r) => setTimeout(r, Date.now() - committed < 2_000 ? 100 : 1_000));
  }
}
