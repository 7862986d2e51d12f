import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { startPeriodic, type PeriodicJob } from '@procura/sync-service/periodic';
import { expiryReminderKind, startExpiryReminders } from '@procura/sync-service/reminders/scheduler';
import { testActor } from '../helpers/actor.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { startOwnApp, type OwnApp } from '../helpers/own-app.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { noticesTo, sinkMailer } from '../helpers/smtp.js';
import { database, stack } from '../helpers/stack.js';

/**
 * Issue 18 items 1 and 2: two sync-service instances on one database, as behind a load balancer.
 * The public rate limit is counted in PostgreSQL (decision 0056), so the two together allow only
 * the limit; the periodic jobs run on one instance per tick (decision 0057).
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue 18 item 1: the public rate limit holds across instances', () => {
  let first: OwnApp;
  let second: OwnApp;
  beforeAll(async () => {
    const env = { PROCURA_PUBLIC_RATE_LIMIT: '3', PROCURA_PUBLIC_RATE_WINDOW_SECONDS: '60' };
    [first, second] = await Promise.all([startOwnApp(env), startOwnApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  const recover = async (app: OwnApp, address: string) => {
    const response = await fetch(`${app.base}/recoveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: '{}',
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
  };

  it('R30: requests from one address spread over two instances are counted together: the fourth is refused with 429 and Retry-After, whichever instance gets it', async () => {
    const address = '198.51.100.181';
    const answers = [];
    for (const app of [first, second, first, second, first]) answers.push(await recover(app, address));
    expect(answers.map((answer) => answer.status)).toEqual([422, 422, 422, 429, 429]);
    expect(answers[3]!.body).toMatchObject({
      status: 429,
      code: 'request.rate_limited',
      messages: { fr: expect.stringMatching(/^Trop de demandes/), en: expect.stringMatching(/^Too many requests/) },
    });
    expect(Number(answers[3]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(answers[3]!.retryAfter)).toBeLessThanOrEqual(60);
    // Another address is counted apart, on either instance.
    expect((await recover(second, '198.51.100.182')).status).toBe(422);
  });

  it('R30: a burst at both instances at once lets exactly the limit through', async () => {
    const address = '198.51.100.183';
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => recover(i % 2 === 0 ? first : second, address)));
    expect(answers.filter((answer) => answer.status === 422)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(9);
  });
});

describe('issue 18 item 2: one leader at a time for the periodic jobs', () => {
  it('two instances ticking the same job every 400 ms: it runs once per interval, never twice at a time, and the survivor goes on when one stops', async () => {
    const job = `test-job-${process.pid}-${Date.now()}`;
    const ticks: Array<{ by: string; at: number }> = [];
    let running = 0;
    let overlapped = false;
    const instance = (by: string): PeriodicJob =>
      startPeriodic(
        async () => {
          running++;
          if (running > 1) overlapped = true;
          ticks.push({ by, at: Date.now() });
          await pause(50);
          running--;
          return 1;
        },
        400,
        (error) => {
          throw error;
        },
        { pool: database(), job },
      );
    const a = instance('a');
    const b = instance('b');
    await pause(2_100);
    await a.stop();
    const beforeStop = ticks.length;
    await pause(1_300);
    await b.stop();
    expect(overlapped).toBe(false);
    // 2.1 s of two timers at 400 ms: 12 ticks ungated; once per interval: 5 or 6.
    expect(beforeStop).toBeGreaterThanOrEqual(4);
    expect(beforeStop).toBeLessThanOrEqual(6);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.at - ticks[i - 1]!.at).toBeGreaterThanOrEqual(300);
    // The survivor took over: b ran after a stopped.
    expect(ticks.slice(beforeStop).filter((tick) => tick.by === 'b').length).toBeGreaterThanOrEqual(2);
    const recorded = await database().query('SELECT ran_by AS "ranBy" FROM periodic_run WHERE job = $1', [job]);
    expect(recorded.rowCount).toBe(1);
  });

  it('R19: two instances starting their expiry reminders at the same moment send the managers one reminder, one notice', async () => {
    const organization = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const email = uniqueEmail('two-schedulers');
    await addMember(database(), testActor, {
      organizationId: organization.id,
      email,
      givenName: 'Noé',
      familyName: 'Perret',
      role: 'member',
      status: 'active',
      expiresOn: '2032-05-10',
    });
    const mailer = sinkMailer();
    const life = () =>
      startExpiryReminders(database(), mailer, { consoleUrl: stack().publicUrl, now: () => new Date('2032-04-20T07:00:00Z'), intervalMs: 3_600_000 });
    const [a, b] = [life(), life()];
    await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([a.stop(), b.stop()]);
    await waitForMail(manager.email, { subject: new RegExp(email.replace(/[.]/g, '\\.')) });
    await pause(1_000);
    expect((await mailsTo(manager.email)).filter((mail) => mail.subject.includes(email))).toHaveLength(1);
    expect((await noticesTo(database(), manager.email)).filter((notice) => notice.kind === expiryReminderKind)).toHaveLength(1);
    mailer.close();
  });
});
