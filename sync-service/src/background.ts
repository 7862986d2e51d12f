/**
 * The sync-service's background work, started by the server and by `sync-service worker` alike:
 * the projection's outbox worker, the notice worker (R28, decision 0020), the audit webhooks' worker
 * (decision 0070) and the expiry reminders'
 * scheduler (R19), and the erasure of people departed longer than the retention period (issue 16
 * item 5, decision 0047). Several processes may run it at once: outbox rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, a reminder is recorded once per membership and expiry date, and an
 * erasure locks its person's row (the second finds nobody left to erase). The periodic jobs (the
 * reminders, the erasure, the full reconcile) run on one instance per tick (`runAsLeader`, decision 0057).
 */
import type pg from 'pg';
import type { KeycloakAdmin } from './adapters/keycloak/index.js';
import type { Mailer } from './adapters/mail/index.js';
import type { Logger } from './logger.js';
import { startAuditWebhookWorker } from './audit/webhooks/worker.js';
import { webhookTargets } from './audit/webhooks/targets.js';
import { startNoticeWorker } from './notices/worker.js';
import { startOutboxWorker } from './projection/outbox-worker.js';
import { startExpiryReminders } from './reminders/scheduler.js';
import { startErasure } from './erasure/erase.js';
import { retentionDays } from './erasure/rules.js';

export interface BackgroundWork {
  /** Stops the five and waits for the work each has under way. */
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  readonly databaseUrl: string;
  /** The console, linked from the reminders. */
  readonly consoleUrl: string;
  /** The projection's periodic full reconcile (0: none; the server's only, see `cli.ts`). */
  readonly fullReconcileMs: number;
  /** Organizations per chunk of that reconcile (decision 0068); absent: the projection's default. */
  readonly reconcileChunk?: number;
  /** Days a departed person's data is kept (`PROCURA_RETENTION_DAYS`, checked at start). */
  readonly retentionDays?: number;
  readonly logger: Logger;
}

export function startBackgroundWork(pool: pg.Pool, keycloak: KeycloakAdmin, mailer: Mailer, options: BackgroundOptions): BackgroundWork {
  const { databaseUrl, logger } = options;
  const outbox = startOutboxWorker(pool, keycloak, {
    databaseUrl,
    logger: logger.child({ component: 'outbox' }),
    fullReconcileMs: options.fullReconcileMs,
    ...(options.reconcileChunk === undefined ? {} : { chunkSize: options.reconcileChunk }),
  });
  const notices = startNoticeWorker(pool, mailer, { databaseUrl, logger: logger.child({ component: 'notices' }) });
  const reminders = startExpiryReminders(pool, mailer, { consoleUrl: options.consoleUrl, logger: logger.child({ component: 'reminders' }) });
  const webhooks = startAuditWebhookWorker(pool, { databaseUrl, targets: webhookTargets(), logger: logger.child({ component: 'audit-webhooks' }) });
  const erasure = startErasure(pool, keycloak, { retentionDays: options.retentionDays ?? retentionDays(), logger: logger.child({ component: 'erasure' }) });
  return {
    async stop() {
      await Promise.all([outbox.stop(), notices.stop(), webhooks.stop(), reminders.stop(), erasure.stop()]);
    },
  };
}
