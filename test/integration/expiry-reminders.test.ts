import { afterAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '@procura/sync-service/mail';
import { addMember, setExpiry } from '@procura/sync-service/members/commands';
import { startExpiryReminders } from '@procura/sync-service/reminders/scheduler';
import { testActor } from '../helpers/actor.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

const mailer = createSmtpMailer({ host: stack().mail.smtpHost, port: stack().mail.smtpPort, from: 'no-reply@procura.example' });
afterAll(() => mailer.close());

/** One scheduler's life: started on a clock that reads `at`, one tick, stopped (a restart is a second life). */
async function schedulerLife(at: string): Promise<void> {
  const scheduler = startExpiryReminders(database(), mailer, { consoleUrl: stack().publicUrl, now: () => new Date(at), intervalMs: 3_600_000 });
  await scheduler.runOnce(); // after the tick the start made
  await scheduler.stop();
}

const remindersAbout = async (manager: string, member: string) => (await mailsTo(manager)).filter((mail) => mail.subject.includes(member));

describe('R19: expiry reminders on the 20th of the month before', () => {
  it('sends the managers one reminder on the 20th, none the day before, and not twice after a restart; a renewal is a new cycle', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const email = uniqueEmail('expiring');
    const { membershipId } = await addMember(database(), testActor, { organizationId: organization.id, email, givenName: 'Jean', familyName: 'Morel', role: 'member', status: 'active', expiresOn: '2031-05-10' });

    await schedulerLife('2031-04-19T10:00:00Z');
    expect(await remindersAbout(manager.email, email)).toHaveLength(0);

    await schedulerLife('2031-04-20T06:00:00Z');
    const reminder = await waitForMail(manager.email, { subject: new RegExp(email.replace(/[.]/g, '\\.')) });
    expect(reminder.subject).toContain("Échéance d'accès le 10.05.2031");
    expect(reminder.text).toContain('Jean Morel');
    expect(reminder.text).toContain(organization.legalName);

    await schedulerLife('2031-04-20T18:00:00Z'); // restarted the same day
    await schedulerLife('2031-05-02T09:00:00Z'); // and later in the cycle
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await remindersAbout(manager.email, email)).toHaveLength(1);
    const { rows } = await database().query('SELECT recipients FROM expiry_reminder WHERE membership_id = $1', [membershipId]);
    expect(rows).toEqual([{ recipients: [manager.email] }]);

    await setExpiry(database(), testActor, { membershipId, expiresOn: '2031-06-30' });
    await schedulerLife('2031-05-20T08:00:00Z');
    await waitForMail(manager.email, { subject: /30\.06\.2031/ });
    expect(await remindersAbout(manager.email, email)).toHaveLength(2);
  });

  it('two schedulers ticking at once send one reminder', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'legal_representative');
    const email = uniqueEmail('raced');
    await addMember(database(), testActor, { organizationId: organization.id, email, role: 'observer', status: 'active', expiresOn: '2031-08-01' });
    await Promise.all([schedulerLife('2031-07-21T08:00:00Z'), schedulerLife('2031-07-21T08:00:00Z')]);
    await waitForMail(manager.email, { subject: /01\.08\.2031/ });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await remindersAbout(manager.email, email)).toHaveLength(1);
  });
});
