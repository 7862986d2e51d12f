/**
 * Issue 21 item 4, decision 0070: the audit webhooks of an organization (or of the platform:
 * `organizationId` null, the operator's) and their delivery log. Registering and revoking are
 * commands (audited, one transaction); the reads answer the console.
 */
import { defineCommand } from '../../commands/command.js';
import { refuse } from '../../error-codes/refuse.js';
import { isUuid, maybeOne, many, one, type Queryable } from '../../db/query.js';
import type { AppError } from '../../errors.js';
import { newWebhookSecret } from './signature.js';
import { checkWebhookUrl, type WebhookTargets } from './targets.js';

/** At most this many active webhooks per organization (and for the platform). */
export const maxWebhooks = 5;

/** The log lists this many deliveries at most, newest first. */
export const deliveryLogSize = 100;

export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
  readonly lastDeliveredAt: string | null;
}

export interface DeliveryView {
  readonly id: string;
  readonly auditEntryId: string;
  readonly action: string;
  readonly at: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly nextAttemptAt: string | null;
}

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const notFound = (): AppError => refuse('webhook.not_found');

/** A webhook's URL and description, where it delivers: an organization's entries, or every entry (the platform's). */
export interface NewWebhook {
  readonly organizationId: string | null;
  readonly url: string;
  readonly description?: string | undefined;
  readonly targets: WebhookTargets;
}

/** Registers a webhook; its secret is in the answer, and nowhere else ever again (the log and the audit never show it). */
export const registerWebhook = defineCommand(async ({ tx, actor, audit }, input: NewWebhook): Promise<WebhookView & { secret: string }> => {
  const refusal = checkWebhookUrl(input.url, input.targets);
  if (refusal) throw refusal;
  // One registration at a time per owner, so that two at once do not both pass the ceiling.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit_webhook:${input.organizationId ?? 'platform'}`]);
  const { count } = await one<{ count: number }>(
    tx,
    'SELECT count(*)::int AS count FROM audit_webhook WHERE organization_id IS NOT DISTINCT FROM $1::uuid AND revoked_at IS NULL',
    [input.organizationId],
  );
  if (count >= maxWebhooks) {
    throw refuse('webhook.too_many', { max: maxWebhooks });
  }
  const secret = newWebhookSecret();
  const url = new URL(input.url).toString();
  const description = input.description?.trim() || null;
  const row = await one<{ id: string; createdAt: string }>(
    tx,
    `INSERT INTO audit_webhook (organization_id, url, description, secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, ${iso('created_at')} AS "createdAt"`,
    [input.organizationId, url, description, secret, actor.label],
  );
  await audit({
    organizationId: input.organizationId,
    action: 'audit_webhook.registered',
    subjectType: 'audit_webhook',
    subjectId: row.id,
    before: null,
    after: { url, description },
  });
  return { id: row.id, url, description, createdAt: row.createdAt, createdBy: actor.label, pending: 0, delivered: 0, failed: 0, lastDeliveredAt: null, secret };
});

/** Revokes a webhook: nothing more is sent to it, and what was still to be sent is marked failed in its log. */
export const revokeWebhook = defineCommand(
  async ({ tx, audit }, input: { readonly organizationId: string | null; readonly webhookId: string }): Promise<void> => {
    if (!isUuid(input.webhookId)) throw notFound();
    const webhook = await maybeOne<{ url: string }>(
      tx,
      'SELECT url FROM audit_webhook WHERE id = $1 AND organization_id IS NOT DISTINCT FROM $2::uuid AND revoked_at IS NULL FOR UPDATE',
      [input.webhookId, input.organizationId],
    );
    if (!webhook) throw notFound();
    await tx.query('UPDATE audit_webhook SET revoked_at = now() WHERE id = $1', [input.webhookId]);
    await tx.query(
      `UPDATE audit_delivery SET failed_at = now(), last_error = 'webhook revoked' WHERE webhook_id = $1 AND delivered_at IS NULL AND failed_at IS NULL`,
      [input.webhookId],
    );
    await audit({
      organizationId: input.organizationId,
      action: 'audit_webhook.revoked',
      subjectType: 'audit_webhook',
      subjectId: input.webhookId,
      before: { url: webhook.url },
      after: null,
    });
  },
);

/** The owner's active webhooks, oldest first, with how their deliveries stand. */
export async function listWebhooks(db: Queryable, organizationId: string | null): Promise<WebhookView[]> {
  return many<WebhookView>(
    db,
    `SELECT w.id, w.url, w.description, ${iso('w.created_at')} AS "createdAt", w.created_by AS "createdBy",
            count(d.id) FILTER (WHERE d.delivered_at IS NULL AND d.failed_at IS NULL)::int AS pending,
            count(d.id) FILTER (WHERE d.delivered_at IS NOT NULL)::int AS delivered,
            count(d.id) FILTER (WHERE d.failed_at IS NOT NULL)::int AS failed,
            ${iso('max(d.delivered_at)')} AS "lastDeliveredAt"
       FROM audit_webhook w LEFT JOIN audit_delivery d ON d.webhook_id = w.id
      WHERE w.organization_id IS NOT DISTINCT FROM $1::uuid AND w.revoked_at IS NULL
      GROUP BY w.id ORDER BY w.created_at, w.id`,
    [organizationId],
  );
}

/** A webhook's last deliveries, newest first; another owner's webhook is not found. */
export async function deliveryLog(db: Queryable, organizationId: string | null, webhookId: string): Promise<DeliveryView[]> {
  if (!isUuid(webhookId)) throw notFound();
  const owned = await maybeOne(db, 'SELECT 1 FROM audit_webhook WHERE id = $1 AND organization_id IS NOT DISTINCT FROM $2::uuid AND revoked_at IS NULL', [
    webhookId,
    organizationId,
  ]);
  if (!owned) throw notFound();
  return many<DeliveryView>(
    db,
    `SELECT d.id::text AS id, d.audit_entry_id::text AS "auditEntryId", e.action, ${iso('e.at')} AS at,
            CASE WHEN d.delivered_at IS NOT NULL THEN 'delivered' WHEN d.failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END AS status,
            d.attempts, d.last_status AS "lastStatus", d.last_error AS "lastError", ${iso('d.delivered_at')} AS "deliveredAt",
            CASE WHEN d.delivered_at IS NULL AND d.failed_at IS NULL THEN ${iso('greatest(w.paused_until, now())')} END AS "nextAttemptAt"
       FROM audit_delivery d JOIN audit_entry e ON e.id = d.audit_entry_id JOIN audit_webhook w ON w.id = d.webhook_id
      WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT ${deliveryLogSize}`,
    [webhookId],
  );
}
