import pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { outboxChannel } from '../commands/command.js';
import type { Logger } from '../logger.js';
import { reconcile } from './reconciler.js';

export interface DrainResult {
  /** Outbox rows applied. */
  readonly applied: number;
  /** Rows that failed and wait for a retry. */
  readonly failed: number;
}

/**
 * Takes a batch of pending outbox rows (`FOR UPDATE SKIP LOCKED`: several workers share the work),
 * reconciles the organizations they name in one pass, and marks them done in the same transaction.
 * When Keycloak fails, the rows stay, with a backoff (1 s, 2 s, 4 s … 5 min). A worker killed at any
 * point leaves its rows unlocked and unmarked: the next one redoes the reconcile, which is
 * idempotent (it compares with what Keycloak holds), so nothing is lost nor applied twice.
 */
export async function drainOutbox(pool: pg.Pool, keycloak: KeycloakAdmin, options: { batchSize?: number; logger?: Logger } = {}): Promise<DrainResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string; aggregate_id: string }>(
      `SELECT id, aggregate_id FROM outbox WHERE processed_at IS NULL AND available_at <= now()
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [options.batchSize ?? 200],
    );
    if (rows.length === 0) {
      await client.query('COMMIT');
      return { applied: 0, failed: 0 };
    }
    const ids = rows.map((r) => r.id);
    try {
      const organizationIds = [...new Set(rows.map((r) => r.aggregate_id))];
      const report = await reconcile(pool, keycloak, { scope: { organizationIds } });
      await client.query('UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[])', [ids]);
      await client.query('COMMIT');
      options.logger?.debug({ rows: ids.length, organizations: organizationIds.length, writes: report.calls.writes }, 'outbox applied');
      return { applied: ids.length, failed: 0 };
    } catch (error) {
      await client.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                available_at = now() + least(interval '5 minutes', interval '1 second' * power(2, attempts))
          WHERE id = ANY($1::bigint[])`,
        [ids, String((error as Error).message).slice(0, 2000)],
      );
      await client.query('COMMIT');
      options.logger?.warn({ err: error, rows: ids.length }, 'outbox batch failed; will retry');
      return { applied: 0, failed: ids.length };
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Drains the outbox continuously: at once when a command commits (LISTEN/NOTIFY), and every
 * `pollMs` for retries and missed notifications. `stop()` waits for the batch in progress.
 */
export function startOutboxWorker(pool: pg.Pool, keycloak: KeycloakAdmin, options: { databaseUrl: string; logger: Logger; pollMs?: number }): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const listener = new pg.Client({ connectionString: options.databaseUrl });
  const listening = listener
    .connect()
    .then(() => listener.query(`LISTEN ${outboxChannel}`))
    .then(() => listener.on('notification', () => wake?.()))
    .catch((error: unknown) => options.logger.warn({ err: error }, 'outbox LISTEN unavailable; polling only'));
  const loop = (async () => {
    await listening;
    while (!stopped) {
      const result = await drainOutbox(pool, keycloak, { logger: options.logger }).catch((error: unknown) => {
        options.logger.error({ err: error }, 'outbox worker error');
        return { applied: 0, failed: 0 };
      });
      if (result.applied > 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await listener.end().catch(() => {});
    },
  };
}
