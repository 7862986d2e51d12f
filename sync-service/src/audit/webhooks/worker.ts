/**
 * Issue 21 item 4, decision 0070: delivers the audit entries to the webhooks that cover them. Each
 * delivery row (written by the trigger of migration 0037 with its entry) is claimed with
 * `FOR UPDATE SKIP LOCKED`, sent signed (Standard Webhooks) and marked in a transaction of its own,
 * with the webhook's row held, so one sender at a time serves a webhook, its entries in order, and
 * an instance killed while it sends leaves only that row to send again, with the same `webhook-id`
 * for the receiver to recognize. A failure (no answer, a status other than 2xx) pauses the webhook,
 * 1 s, 2 s, 4 s … up to an hour, so a receiver that is down is asked once per interval, not once
 * per entry; a delivery still undelivered three days after its entry is marked failed.
 */
import type pg from 'pg';
import { listenLoop } from '../../db/listen-loop.js';
import { withTransaction } from '../../db/transaction.js';
import type { Logger } from '../../logger.js';
import { signedHeaders } from './signature.js';
import { privateTarget, type WebhookTargets } from './targets.js';

export const auditDeliveryChannel = 'procura_audit_delivery';

/** How long a receiver may take to answer. */
const answerTimeoutMs = 10_000;

interface DueDelivery {
  readonly id: string;
  readonly webhook_id: string;
  readonly url: string;
  readonly secret: string;
  readonly attempts: number;
  readonly event: Record<string, unknown>;
}

export interface DeliveryDrain {
  readonly delivered: number;
  readonly failed: number;
}

export interface DeliveryOptions {
  readonly targets: WebhookTargets;
  readonly logger?: Logger;
  readonly batchSize?: number;
  /** Only these webhooks' deliveries (a test's own receivers); all when left out. */
  readonly webhookIds?: readonly string[];
}

/** Sends the due deliveries, at most `batchSize`, each in a transaction of its own. */
export async function drainDeliveries(pool: pg.Pool, options: DeliveryOptions): Promise<DeliveryDrain> {
  const drained = { delivered: 0, failed: 0 };
  // Three days after its entry, a delivery not made is given up (the log says so).
  await pool.query(`UPDATE audit_delivery SET failed_at = now(), last_error = coalesce(last_error, 'not delivered') || ' (given up after 3 days)'
                     WHERE delivered_at IS NULL AND failed_at IS NULL AND created_at < now() - interval '3 days'`);
  for (let i = 0; i < (options.batchSize ?? 50); i++) {
    const outcome = await withTransaction(pool, (tx) => deliverOne(tx, options));
    if (outcome === 'none') break;
    drained[outcome]++;
  }
  return drained;
}

async function deliverOne(tx: pg.PoolClient, options: DeliveryOptions): Promise<'delivered' | 'failed' | 'none'> {
  const { rows } = await tx.query<DueDelivery>(
    `SELECT d.id::text AS id, d.webhook_id, w.url, w.secret, d.attempts,
            json_build_object('id', e.id::text, 'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                              'organization', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'identifier', o.identifier, 'legalName', o.legal_name) END,
                              'actor', e.actor_label, 'action', e.action,
                              'subject', json_build_object('type', e.subject_type, 'id', e.subject_id),
                              'before', e.before, 'after', e.after) AS event
       FROM audit_delivery d
       JOIN audit_webhook w ON w.id = d.webhook_id
       JOIN audit_entry e ON e.id = d.audit_entry_id
       LEFT JOIN organization o ON o.id = e.organization_id
      WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND w.revoked_at IS NULL AND (w.paused_until IS NULL OR w.paused_until <= now())
        AND ($1::uuid[] IS NULL OR d.webhook_id = ANY($1::uuid[]))
      -- The webhook's row is held while its entry is sent: one sender per webhook, its entries in order.
      -- NO KEY UPDATE, so that the commands writing new entries (whose delivery rows check the key) never wait.
      ORDER BY d.id LIMIT 1 FOR NO KEY UPDATE OF w, d SKIP LOCKED`,
    [options.webhookIds ?? null],
  );
  const row = rows[0];
  if (!row) return 'none';
  const outcome = await send(row, options.targets);
  if (outcome.ok) {
    await tx.query('UPDATE audit_delivery SET delivered_at = now(), attempts = attempts + 1, last_status = $2, last_error = NULL WHERE id = $1', [
      row.id,
      outcome.status,
    ]);
    await tx.query('UPDATE audit_webhook SET failures = 0, paused_until = NULL WHERE id = $1 AND failures > 0', [row.webhook_id]);
    return 'delivered';
  }
  await tx.query('UPDATE audit_delivery SET attempts = attempts + 1, last_status = $2, last_error = $3 WHERE id = $1', [
    row.id,
    outcome.status ?? null,
    outcome.error.slice(0, 500),
  ]);
  // clock_timestamp(): now() is when this transaction began, before a send that may have taken 10 s.
  await tx.query(
    `UPDATE audit_webhook SET failures = failures + 1,
            paused_until = clock_timestamp() + least(interval '1 hour', interval '1 second' * power(2, least(failures, 12)))
      WHERE id = $1`,
    [row.webhook_id],
  );
  options.logger?.warn({ delivery: row.id, webhook: row.webhook_id, status: outcome.status, error: outcome.error }, 'audit webhook not delivered; will retry');
  return 'failed';
}

async function send(row: DueDelivery, targets: WebhookTargets): Promise<{ ok: true; status: number } | { ok: false; status?: number; error: string }> {
  try {
    const refused = await privateTarget(row.url, targets);
    if (refused) return { ok: false, error: refused };
    const body = JSON.stringify({ type: 'audit.entry', timestamp: new Date().toISOString(), data: row.event });
    const headers = signedHeaders(row.secret, { id: `audit-${String(row.event.id)}`, timestamp: Math.floor(Date.now() / 1000), body });
    // No redirect followed: the registered URL is the only place the trail goes.
    const response = await fetch(row.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Procura-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(answerTimeoutMs),
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, error: `answered ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: cause ? `${(error as Error).message} (${cause})` : (error as Error).message };
  }
}

/** Delivers continuously: at once when an entry is written (LISTEN), and every `pollMs` for the retries. */
export function startAuditWebhookWorker(
  pool: pg.Pool,
  options: DeliveryOptions & { databaseUrl: string; logger: Logger; pollMs?: number },
): { stop(): Promise<void> } {
  return listenLoop({ databaseUrl: options.databaseUrl, channel: auditDeliveryChannel, logger: options.logger, pollMs: options.pollMs ?? 1000 }, async () => {
    const result = await drainDeliveries(pool, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'audit webhook worker error');
      return { delivered: 0, failed: 0 };
    });
    return result.delivered > 0;
  });
}
