import pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { outboxChannel } from '../commands/command.js';
import { listenLoop } from '../db/listen-loop.js';
import { withTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { runAsLeader } from '../periodic.js';
import { reconcile } from './reconciler.js';
import type { OrganizationScope } from './store.js';
import { outboxRows, projectionPhaseDuration } from '../observability/metrics.js';
import { childOf, continueTrace, currentTrace, inTrace, type TraceContext } from '../observability/trace.js';

export interface DrainResult {
  /** Outbox rows applied. */
  readonly applied: number;
  /** Rows that failed and wait for a retry. */
  readonly failed: number;
}

/**
 * Takes a batch of pending outbox rows of topic `projection` (`FOR UPDATE SKIP LOCKED`: several
 * workers share the work; other topics are other consumers'),
 * reconciles the organizations they name in one pass, and marks them done in the same transaction.
 * When Keycloak fails, the rows stay, with a backoff (1 s, 2 s, 4 s … 5 min). A worker killed at any
 * point leaves its rows unlocked and unmarked: the next one redoes the reconcile, which is
 * idempotent (it compares with what Keycloak holds), so nothing is lost nor applied twice.
 */
export async function drainOutbox(
  pool: pg.Pool,
  keycloak: KeycloakAdmin,
  options: { batchSize?: number; logger?: Logger; organizationIds?: readonly string[] } = {},
): Promise<DrainResult> {
  return withTransaction(pool, async (client) => {
    // `organizationIds`: only these organizations' rows (a test drains its own, not a shared backlog).
    const { rows } = await client.query<Row>(
      `SELECT id, aggregate_id, payload, trace_id FROM outbox WHERE topic = 'projection' AND processed_at IS NULL AND available_at <= now()
          AND ($2::text[] IS NULL OR aggregate_id = ANY($2::text[]))
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [options.batchSize ?? 200, options.organizationIds ?? null],
    );
    if (rows.length === 0) return { applied: 0, failed: 0 };
    return applyRows(client, pool, keycloak, rows, options.logger);
  });
}

/** An outbox row of topic `projection`: an organization, whole (`{}`) or for some people only. */
type Row = { id: string; aggregate_id: string; payload: { people?: string[] } | null; trace_id?: string | null };

/**
 * One scope for a batch (decision 0018): organizations a row asks whole are compared whole; the
 * others only on the groups of the people their rows name.
 */
export function batchScope(rows: readonly Row[]): OrganizationScope {
  const whole = new Set(rows.filter((row) => !row.payload?.people).map((row) => row.aggregate_id));
  const narrowed = rows.filter((row) => row.payload?.people && !whole.has(row.aggregate_id));
  if (narrowed.length === 0) return { organizationIds: [...whole] };
  return {
    organizationIds: [...whole],
    people: {
      organizationIds: [...new Set(narrowed.map((row) => row.aggregate_id))],
      personIds: [...new Set(narrowed.flatMap((row) => row.payload!.people!))],
    },
  };
}

/**
 * Reconciles the rows' organizations in one pass; when that fails, one organization at a time and
 * whole, so that an organization Keycloak refuses only delays its own rows.
 */
async function applyRows(client: pg.PoolClient, pool: pg.Pool, keycloak: KeycloakAdmin, rows: Row[], logger: Logger | undefined): Promise<DrainResult> {
  const traced = batchTrace(rows);
  const result = await inTrace(traced, () => applyTraced(client, pool, keycloak, rows, logger));
  outboxRows.inc({ outcome: 'applied' }, result.applied);
  outboxRows.inc({ outcome: 'failed' }, result.failed);
  return result;
}

/**
 * Issue 18 item 3: a batch runs under the trace of the request that wrote its rows when they all
 * come from one (the usual case: the Keycloak calls carry that request's trace id), else under a
 * trace of its own, and each row's line names its request's trace id beside the batch's.
 */
function batchTrace(rows: readonly Row[]): TraceContext {
  const traceIds = new Set(rows.map((row) => row.trace_id ?? null));
  return traceIds.size === 1 ? continueTrace([...traceIds][0]) : childOf(undefined);
}

function logApplied(logger: Logger | undefined, rows: readonly Row[]): void {
  if (!logger) return;
  const batch = currentTrace()?.traceId;
  for (const row of rows) {
    logger.info({ trace_id: row.trace_id ?? batch, batch_trace_id: batch, outbox_id: row.id, organization: row.aggregate_id }, 'outbox row applied');
  }
}

async function applyTraced(client: pg.PoolClient, pool: pg.Pool, keycloak: KeycloakAdmin, rows: Row[], logger: Logger | undefined): Promise<DrainResult> {
  const byOrganization = new Map<string, string[]>();
  for (const row of rows) byOrganization.set(row.aggregate_id, [...(byOrganization.get(row.aggregate_id) ?? []), row.id]);
  try {
    const ms: Record<string, number> = {};
    const scope = batchScope(rows);
    const report = await reconcile(pool, keycloak, { scope, timings: phaseTimer('batch', ms) });
    await markDone(
      client,
      rows.map((r) => r.id),
    );
    logApplied(logger, rows);
    const people = scope.people?.personIds.length ?? 0;
    logger?.debug(
      {
        rows: rows.length,
        organizations: byOrganization.size,
        whole: scope.organizationIds.length,
        people,
        changes: report.operations.length,
        writes: report.calls.writes,
        ms,
      },
      'outbox applied',
    );
    return { applied: rows.length, failed: 0 };
  } catch (batchError) {
    if (byOrganization.size === 1) {
      await markFailed(
        client,
        rows.map((r) => r.id),
        batchError,
        logger,
      );
      return { applied: 0, failed: rows.length };
    }
  }
  let applied = 0;
  let failed = 0;
  for (const [organizationId, ids] of byOrganization) {
    try {
      await reconcile(pool, keycloak, { scope: { organizationIds: [organizationId] } });
      await markDone(client, ids);
      logApplied(
        logger,
        rows.filter((row) => row.aggregate_id === organizationId),
      );
      applied += ids.length;
    } catch (error) {
      await markFailed(client, ids, error, logger);
      failed += ids.length;
    }
  }
  return { applied, failed };
}

/** The reconciler's laps, into `procura_projection_phase_duration_seconds` (and into `ms` for the batch's log line). */
function phaseTimer(run: 'batch' | 'reconcile', ms?: Record<string, number>): (phase: string, took: number) => void {
  return (phase, took) => {
    if (ms) ms[phase] = took;
    projectionPhaseDuration.observe({ run, phase }, took / 1000);
  };
}

async function markDone(client: pg.PoolClient, ids: string[]): Promise<void> {
  await client.query('UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[])', [ids]);
}

/**
 * Backoff 1 s, 2 s, 4 s … capped at 5 minutes (the exponent is capped too: no interval overflow),
 * counted from the failure (clock_timestamp()), not from the start of the batch's transaction
 * (now()): a reconcile that failed after a long Keycloak time-out would otherwise be retried at once.
 */
async function markFailed(client: pg.PoolClient, ids: string[], error: unknown, logger: Logger | undefined): Promise<void> {
  await client.query(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2, last_error_code = $3,
            available_at = clock_timestamp() + least(interval '5 minutes', interval '1 second' * power(2, least(attempts, 9)))
      WHERE id = ANY($1::bigint[])`,
    [ids, String((error as Error).message).slice(0, 2000), error instanceof AppError ? error.code : null],
  );
  logger?.warn({ err: error, rows: ids.length }, 'outbox rows failed; will retry');
}

/** Rows that failed because Keycloak did not answer and wait for their backoff. */
const waitingForKeycloak = `topic = 'projection' AND processed_at IS NULL AND available_at > now() AND last_error_code = 'keycloak.unavailable'`;

/**
 * Issue 15 item 3 (decision 0053): while rows wait for Keycloak, the oldest is made due every
 * `probeMs` (a canary: one reconcile tried, not all); once a batch is applied, Keycloak answers
 * again, and every row that waited for it is made due at once. Without it a Keycloak down for a
 * minute left its rows waiting up to a minute more on their backoff after it came back.
 */
async function retryWhenKeycloakIsBack(pool: pg.Pool, applied: number, probe: boolean): Promise<boolean> {
  if (applied > 0) return ((await pool.query(`UPDATE outbox SET available_at = now() WHERE ${waitingForKeycloak}`)).rowCount ?? 0) > 0;
  if (!probe) return false;
  const canary = await pool.query(`UPDATE outbox SET available_at = now() WHERE id = (SELECT id FROM outbox WHERE ${waitingForKeycloak} ORDER BY id LIMIT 1)`);
  return (canary.rowCount ?? 0) > 0;
}

/**
 * Drains the outbox continuously: at once when a command commits (LISTEN/NOTIFY), and every
 * `pollMs` for retries and missed notifications. Every `fullReconcileMs` (0: never) it also runs a
 * full reconcile: what a date changes (an expiry, a mandate's end) and drift made by hand in
 * Keycloak are applied without waiting for a command. `stop()` waits for the work in progress.
 * Rows that wait for Keycloak to come back are retried as soon as it does (`retryWhenKeycloakIsBack`).
 */
export function startOutboxWorker(
  pool: pg.Pool,
  keycloak: KeycloakAdmin,
  options: { databaseUrl: string; logger: Logger; pollMs?: number; fullReconcileMs?: number; chunkSize?: number; probeMs?: number },
): { stop(): Promise<void> } {
  let lastFull = Date.now();
  const fullEvery = options.fullReconcileMs ?? 0;
  let lastProbe = Date.now();
  const probeEvery = options.probeMs ?? 2000;
  return listenLoop({ databaseUrl: options.databaseUrl, channel: outboxChannel, logger: options.logger, pollMs: options.pollMs ?? 1000 }, async () => {
    if (fullEvery > 0 && Date.now() - lastFull >= fullEvery) {
      lastFull = Date.now();
      // Decision 0057: one instance per interval runs it, whichever comes first (the others skip).
      await runAsLeader({ pool, job: 'full-reconcile' }, fullEvery, () =>
        inTrace(childOf(undefined), () =>
          reconcile(pool, keycloak, {
            scope: { all: true },
            keepOperations: false,
            ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
            timings: phaseTimer('reconcile'),
          }),
        ),
      ).then(
        (run) =>
          run.ran &&
          options.logger.info({ writes: run.result?.calls.writes, detailed: run.result?.detailed, ms: Date.now() - lastFull }, 'periodic full reconcile'),
        (error: unknown) => options.logger.error({ err: error }, 'periodic full reconcile failed'),
      );
    }
    const result = await drainOutbox(pool, keycloak, { logger: options.logger }).catch((error: unknown) => {
      options.logger.error({ err: error }, 'outbox worker error');
      return { applied: 0, failed: 0 };
    });
    const probe = Date.now() - lastProbe >= probeEvery;
    if (probe) lastProbe = Date.now();
    const retry = await retryWhenKeycloakIsBack(pool, result.applied, probe).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'outbox: rows waiting for Keycloak not made due');
      return false;
    });
    return result.applied > 0 || retry;
  });
}
