/**
 * R19: the expiry reminders' scheduler. On each tick it finds the memberships whose reminder is
 * due and e-mails their organization's managers, once per membership and expiry date: the
 * reminder is recorded in PostgreSQL in the transaction that sends it, so a restart, or a second
 * sync-service, never sends it twice; a mail that fails rolls the record back and is retried.
 */
import type pg from 'pg';
import { expiryReminderMail, type Mailer } from '../adapters/mail/index.js';
import { withTransaction } from '../db/transaction.js';
import { currentManagers } from '../members/store.js';
import type { Logger } from '../logger.js';
import { businessDay } from '../projection/business-day.js';
import { isReminderDue } from './rules.js';
import { claimReminder, dueReminders, type DueReminder } from './store.js';

export interface ReminderOptions {
  /** The console, linked from the e-mail. */
  readonly consoleUrl: string;
  /** The clock (tests set it); the day is the platform's (Europe/Zurich). */
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/** Sends the reminders due today; how many were sent. */
export async function sendDueReminders(pool: pg.Pool, mailer: Mailer, options: ReminderOptions): Promise<number> {
  const today = businessDay((options.now ?? (() => new Date()))());
  let sent = 0;
  for (const due of await dueReminders(pool, today)) {
    if (!isReminderDue(due.expiresOn, today)) continue;
    try {
      if (await remind(pool, mailer, due, today, options.consoleUrl)) sent++;
    } catch (error) {
      options.logger?.warn({ err: error, membershipId: due.membershipId }, 'expiry reminder not sent; retried at the next tick');
    }
  }
  return sent;
}

async function remind(pool: pg.Pool, mailer: Mailer, due: DueReminder, today: string, consoleUrl: string): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const managers = (await currentManagers(tx, due.organizationId, today)).map((m) => m.email).filter((email) => email !== due.email);
    if (managers.length === 0) return false;
    if (!(await claimReminder(tx, due.membershipId, due.expiresOn, managers))) return false;
    const mail = expiryReminderMail({ organizationName: due.organizationName, memberName: due.name, memberEmail: due.email, expiresOn: due.expiresOn, consoleUrl });
    await mailer.send({ to: managers, ...mail });
    return true;
  });
}

export interface ReminderScheduler {
  /** One tick now (also what the timer runs). */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a tick under way. */
  stop(): Promise<void>;
}

/** Ticks every `intervalMs` (default 15 minutes), the first one at once. */
export function startExpiryReminders(pool: pg.Pool, mailer: Mailer, options: ReminderOptions & { readonly intervalMs?: number }): ReminderScheduler {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const runOnce = (): Promise<number> => {
    running = running.then(() => (stopped ? 0 : sendDueReminders(pool, mailer, options))).catch((error: unknown) => {
      options.logger?.error({ err: error }, 'expiry reminders failed; retried at the next tick');
      return 0;
    });
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 15 * 60_000);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
