/**
 * R19: the expiry reminders' scheduler. On each tick it finds the memberships whose reminder is
 * due and tells their organization's managers, once per membership and expiry date. The reminder
 * is recorded (`expiry_reminder`) and its e-mail written as a notice of the outbox (R28, decision
 * 0020) in ONE transaction: recorded once, never an e-mail for a record rolled back. The scheduler
 * sends the notices it committed at once, as a request does; what fails (SMTP down) stays in the
 * outbox and the notice worker retries it.
 */
import type pg from 'pg';
import { portal } from '../profile/profile.js';
import { expiryReminderMail, type Mailer } from '../adapters/mail/index.js';
import { runCommand, type Actor } from '../commands/command.js';
import { currentManagers } from '../members/store.js';
import { createLogger, type Logger } from '../logger.js';
import { collectNotices } from '../notices/outbox.js';
import { sendCommittedNotices } from '../notices/worker.js';
import { businessDay } from '../domain/business-day.js';
import { startPeriodic, type PeriodicJob } from '../periodic.js';
import { isReminderDue } from './rules.js';
import { claimReminder, dueReminders, type DueReminder } from './store.js';

export interface ReminderOptions {
  /** The console, linked from the e-mail. */
  readonly consoleUrl: string;
  /** The clock (tests set it); the day is the platform's (Europe/Zurich). */
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/** The outbox row's `aggregate_id` of a reminder's notice. */
export const expiryReminderKind = 'membership.expiry_reminder';

const schedulerActor: Actor = { personId: null, label: 'expiry reminders' };

/**
 * Records the reminders due today, each with its notice, then sends those notices; how many
 * reminders were recorded (a notice whose send failed counts: the worker retries it).
 */
export async function sendDueReminders(pool: pg.Pool, mailer: Mailer, options: ReminderOptions): Promise<number> {
  // Issue 17: a portal without expiry dates reminds nobody, even of a date set before it turned them off.
  if (!portal().expiryReminders.enabled) return 0;
  const today = businessDay((options.now ?? (() => new Date()))());
  const logger = options.logger ?? createLogger('silent');
  let recorded = 0;
  for (const due of await dueReminders(pool, today)) {
    if (!isReminderDue(due.expiresOn, today)) continue;
    const { result, ids } = collectNotices(() => remind(pool, due, today, options.consoleUrl));
    try {
      if (await result) recorded++;
    } catch (error) {
      logger.warn({ err: error, membershipId: due.membershipId }, 'expiry reminder not recorded; retried at the next tick');
    }
    await sendCommittedNotices(pool, mailer, ids, logger);
  }
  return recorded;
}

/** One reminder: false when nobody is there to tell, or when it was recorded already (here or by another scheduler). */
async function remind(pool: pg.Pool, due: DueReminder, today: string, consoleUrl: string): Promise<boolean> {
  return runCommand(pool, schedulerActor, async ({ tx, notify }) => {
    const managers = (await currentManagers(tx, due.organizationId, today)).map((m) => m.email).filter((email) => email !== due.email);
    if (managers.length === 0) return false;
    // Two schedulers at once: the second one's insert waits for the first's transaction, then finds its row.
    if (!(await claimReminder(tx, due.membershipId, due.expiresOn, managers))) return false;
    const mail = expiryReminderMail({
      organizationName: due.organizationName,
      memberName: due.name,
      memberEmail: due.email,
      expiresOn: due.expiresOn,
      consoleUrl,
    });
    await notify({ kind: expiryReminderKind, to: managers, ...mail });
    return true;
  });
}

export type ReminderScheduler = PeriodicJob;

/** Ticks every `intervalMs` (default 15 minutes), the first one at once; one instance per tick (decision 0057). */
export function startExpiryReminders(pool: pg.Pool, mailer: Mailer, options: ReminderOptions & { readonly intervalMs?: number }): ReminderScheduler {
  return startPeriodic(
    () => sendDueReminders(pool, mailer, options),
    options.intervalMs ?? 15 * 60_000,
    (error) => {
      options.logger?.error({ err: error }, 'expiry reminders failed; retried at the next tick');
    },
    { pool, job: 'expiry-reminders' },
  );
}
