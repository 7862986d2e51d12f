import { afterAll, describe, expect, it } from 'vitest';
import type { Mailer } from '@procura/sync-service/mail';
import { addMember, setExpiry } from '@procura/sync-service/members/commands';
import { drainNotices } from '@procura/sync-service/notices/worker';
import { expiryReminderKind, startExpiryReminders } from '@procura/sync-service/reminders/scheduler';
import { testActor } from '../helpers/actor.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { noticesTo, sinkMailer, unreachableMailer } from '../helpers/smtp.js';
import { database, stack } from '../helpers/stack.js';

/**
 * R19, R28: the expiry reminder is recorded and written as a notice of the outbox in one
 * transaction (decision 0020): the scheduler sends it at once, the notice worker retries it.
 */
const mailer = sinkMailer();
afterAll(() => mailer.close());

/** One scheduler's life: started on a clock that reads `at`, one tick, stopped (a restart is a second life). */
async function schedulerLife(at: string, through: Mailer = mailer): Promise<void> {
  const scheduler = startExpiryReminders(database(), through, { consoleUrl: stack().publicUrl, now: () => new Date(at), intervalMs: 3_600_000 });
  await scheduler.runOnce(); // after the tick the start made
  await scheduler.stop();
}

const remindersAbout = async (manager: string, member: string) => (await mailsTo(manager)).filter((mail) => mail.subject.includes(member));
const reminderNotices = async (manager: string) => (await noticesTo(database(), manager)).filter((notice) => notice.kind === expiryReminderKind);
const recorded = async (membershipId: string) =>
  (
    await database().query(
      'SELECT to_char(expires_on, \'YYYY-MM-DD\') AS "expiresOn", recipients FROM expiry_reminder WHERE membership_id = $1 ORDER BY expires_on',
      [membershipId],
    )
  ).rows;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('R19: expiry reminders on the 20th of the month before', () => {
  it('sends the managers one reminder on the 20th, none the day before, and not twice after a restart; a renewal is a new cycle', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const email = uniqueEmail('expiring');
    const { membershipId } = await addMember(database(), testActor, {
      organizationId: organization.id,
      email,
      givenName: 'Jean',
      familyName: 'Morel',
      role: 'member',
      status: 'active',
      expiresOn: '2031-05-10',
    });

    await schedulerLife('2031-04-19T10:00:00Z');
    expect(await remindersAbout(manager.email, email)).toHaveLength(0);
    expect(await reminderNotices(manager.email)).toEqual([]);

    await schedulerLife('2031-04-20T06:00:00Z');
    const reminder = await waitForMail(manager.email, { subject: new RegExp(email.replace(/[.]/g, '\\.')) });
    expect(reminder.subject).toContain("Échéance d'accès le 10.05.2031");
    expect(reminder.text).toContain('Jean Morel');
    expect(reminder.text).toContain(organization.legalName);
    // R28: it left through the outbox, as every notice does, sent at its first attempt.
    expect(await reminderNotices(manager.email)).toEqual([expect.objectContaining({ attempts: 1, sent: true, lastError: null })]);

    await schedulerLife('2031-04-20T18:00:00Z'); // restarted the same day
    await schedulerLife('2031-05-02T09:00:00Z'); // and later in the cycle
    await pause(1000);
    expect(await remindersAbout(manager.email, email)).toHaveLength(1);
    expect(await reminderNotices(manager.email)).toHaveLength(1);
    expect(await recorded(membershipId)).toEqual([{ expiresOn: '2031-05-10', recipients: [manager.email] }]);

    await setExpiry(database(), testActor, { membershipId, expiresOn: '2031-06-30' });
    await schedulerLife('2031-05-20T08:00:00Z');
    await waitForMail(manager.email, { subject: /30\.06\.2031/ });
    expect(await remindersAbout(manager.email, email)).toHaveLength(2);
    expect(await reminderNotices(manager.email)).toHaveLength(2);
  });

  it('two schedulers ticking at once record one reminder and send one e-mail', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'legal_representative');
    const email = uniqueEmail('raced');
    const { membershipId } = await addMember(database(), testActor, {
      organizationId: organization.id,
      email,
      role: 'observer',
      status: 'active',
      expiresOn: '2031-08-01',
    });
    await Promise.all([schedulerLife('2031-07-21T08:00:00Z'), schedulerLife('2031-07-21T08:00:00Z')]);
    await waitForMail(manager.email, { subject: /01\.08\.2031/ });
    await pause(1000);
    expect(await remindersAbout(manager.email, email)).toHaveLength(1);
    expect(await reminderNotices(manager.email)).toHaveLength(1);
    expect(await recorded(membershipId)).toHaveLength(1);
  });

  it('SMTP unreachable: the reminder is recorded once, its notice kept with a backoff, and it arrives once SMTP is back', async () => {
    const organization = await createTestOrganization({ legalName: 'Relais En Panne SA' });
    const manager = await createTestMember(organization.id, 'manager');
    const email = uniqueEmail('kept');
    const { membershipId } = await addMember(database(), testActor, {
      organizationId: organization.id,
      email,
      role: 'member',
      status: 'active',
      expiresOn: '2031-10-15',
    });

    const down = await unreachableMailer();
    try {
      await schedulerLife('2031-09-20T08:00:00Z', down);
      await schedulerLife('2031-09-21T08:00:00Z', down); // the next day's tick: already recorded, nothing new
    } finally {
      down.close();
    }
    const notices = await reminderNotices(manager.email);
    expect(notices).toEqual([expect.objectContaining({ attempts: 1, sent: false })]);
    expect(notices[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(await recorded(membershipId)).toEqual([{ expiresOn: '2031-10-15', recipients: [manager.email] }]);
    expect(await remindersAbout(manager.email, email)).toHaveLength(0);

    await pause(1_100); // the first backoff: 1 s
    const back = sinkMailer();
    try {
      // What the notice worker does on its next round; only this row, so that no other test's is taken.
      expect(await drainNotices(database(), back, { ids: [notices[0]!.id] })).toEqual({ sent: 1, failed: 0 });
      expect(await drainNotices(database(), back, { ids: [notices[0]!.id] })).toEqual({ sent: 0, failed: 0 });
    } finally {
      back.close();
    }
    const reminder = await waitForMail(manager.email, { subject: /15\.10\.2031/ });
    expect(reminder.text).toContain('Relais En Panne SA');
    await schedulerLife('2031-09-22T08:00:00Z');
    await pause(500);
    expect(await remindersAbout(manager.email, email)).toHaveLength(1);
  });
});
