/**
 * Sends the notices of the outbox (topic `notice`, see `outbox.ts`). Each row is claimed with
 * `FOR UPDATE SKIP LOCKED` (several senders never take the same row), sent, and marked sent in the
 * claim's transaction, one row per transaction; a failed send leaves it for a retry with a backoff
 * (1 s, 2 s, 4 s … 5 min). A row is sent once: only a crash after the SMTP server took it and
 * before the mark commits could send it again, and only that row. Once sent, its text is erased
 * (a link's token never lingers in the table).
 */
import type pg from 'pg';
import type { Mailer } from '../adapters/mail/index.js';
import { listenLoop } from '../db/listen-loop.js';
import { withTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import { noticeChannel, noticeTopic } from './outbox.js';

export interface NoticeDrain {
  readonly sent: number;
  readonly failed: number;
}

interface NoticeRow {
  readonly id: string;
  readonly kind: string;
  readonly payload: { to: string[]; subject: string; text: string };
  /** The request that committed it (issue 18 item 3), for the worker's lines. */
  readonly trace_id: string | null;
}

/**
 * Sends the due notices (only `ids` when given: those a request just committed), at most
 * `batchSize`, each claimed, sent and marked in a transaction of its own: a sender killed while it
 * sends leaves only that notice to send again (issue 18; one transaction for the whole batch sent
 * every notice of the batch a second time).
 */
export async function drainNotices(
  pool: pg.Pool,
  mailer: Mailer,
  options: { ids?: readonly string[]; batchSize?: number; logger?: Logger } = {},
): Promise<NoticeDrain> {
  if (options.ids && options.ids.length === 0) return { sent: 0, failed: 0 };
  const drained = { sent: 0, failed: 0 };
  // A notice that failed is due later (its backoff), so the next claim takes another.
  for (let i = 0; i < (options.batchSize ?? 50); i++) {
    const outcome = await withTransaction(pool, (tx) => sendOne(tx, mailer, options));
    if (outcome === 'none') break;
    drained[outcome]++;
  }
  return drained;
}

async function sendOne(tx: pg.PoolClient, mailer: Mailer, options: { ids?: readonly string[]; logger?: Logger }): Promise<'sent' | 'failed' | 'none'> {
  const { rows } = await tx.query<NoticeRow>(
    `SELECT id, aggregate_id AS kind, payload, trace_id FROM outbox
      WHERE topic = $1 AND processed_at IS NULL AND available_at <= now() AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [noticeTopic, options.ids ?? null],
  );
  const row = rows[0];
  if (!row) return 'none';
  try {
    await mailer.send(row.payload);
    await tx.query(`UPDATE outbox SET processed_at = now(), attempts = attempts + 1, last_error = NULL, payload = payload - 'text' WHERE id = $1`, [row.id]);
    return 'sent';
  } catch (error) {
    // clock_timestamp(), not now(): now() is when this transaction began, and a send that took
    // longer than the backoff (a relay that times out) would be retried at once.
    await tx.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
              available_at = clock_timestamp() + least(interval '5 minutes', interval '1 second' * power(2, least(attempts, 9)))
        WHERE id = $1`,
      [row.id, String((error as Error).message).slice(0, 2000)],
    );
    options.logger?.warn({ err: error, notice: row.id, kind: row.kind, ...(row.trace_id ? { trace_id: row.trace_id } : {}) }, 'notice not sent; will retry');
    return 'failed';
  }
}

/**
 * Sends the notices just committed (by a request, the reminders' scheduler) right after the commit;
 * never throws: what fails stays in the outbox for the worker's retries. How many did not leave.
 */
export async function sendCommittedNotices(pool: pg.Pool, mailer: Mailer, ids: readonly string[], logger: Logger): Promise<number> {
  if (ids.length === 0) return 0;
  const { failed } = await drainNotices(pool, mailer, { ids, logger }).catch((error: unknown) => {
    logger.error({ err: error }, 'notices not sent; the notice worker will retry');
    return { failed: ids.length };
  });
  if (failed > 0) logger.warn({ failed }, 'notices left to the notice worker');
  return failed;
}

/**
 * Sends notices continuously: at once when a command commits one (LISTEN), and every `pollMs` for
 * the retries. `stop()` waits for the batch in progress.
 */
export function startNoticeWorker(pool: pg.Pool, mailer: Mailer, options: { databaseUrl: string; logger: Logger; pollMs?: number }): { stop(): Promise<void> } {
  return listenLoop({ databaseUrl: options.databaseUrl, channel: noticeChannel, logger: options.logger, pollMs: options.pollMs ?? 2000 }, async () => {
    const result = await drainNotices(pool, mailer, { logger: options.logger }).catch((error: unknown) => {
      options.logger.error({ err: error }, 'notice worker error');
      return { sent: 0, failed: 0 };
    });
    return result.sent > 0;
  });
}
