import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '@procura/sync-service/commands/command';
import { addMember } from '@procura/sync-service/members/commands';
import { drainNotices } from '@procura/sync-service/notices/worker';
import { registerOrganization } from '@procura/sync-service/organizations/commands';
import { businessDay } from '@procura/sync-service/domain/business-day';
import { waitUntil } from '../harness/ports.js';
import { testActor } from '../helpers/actor.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { uniqueUid } from '../helpers/organizations.js';
import { uniqueEmail } from '../helpers/people.js';
import { noticesTo, unreachableMailer } from '../helpers/smtp.js';
import { ownDatabase, startWorkerProcess, stopWorkerProcess, workerOutput } from '../helpers/worker-process.js';

/**
 * `sync-service worker` runs the server's background work in a process of its own (decision 0020):
 * the projection's outbox, the notices (R28) and the expiry reminders (R19), and stops cleanly.
 * Its own database: the worker takes every pending row, and no other test's.
 */
const own = ownDatabase('worker');
afterAll(() => own.drop());

/** The worker's URL, tagged so that its connections can be told from the test's own. */
async function taggedUrl(tag: string): Promise<string> {
  const url = new URL(await own.url());
  url.searchParams.set('application_name', tag);
  return url.toString();
}

async function connectionsOf(tag: string): Promise<number> {
  const { rows } = await (await own.pool()).query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [tag]);
  return rows[0]!.n;
}

/** The processes `pid` started (tsx may start some): none may outlive it. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An organization with a manager and a member whose access ends in two days: the reminder is due today. */
async function expiringMembership(): Promise<{ manager: string; member: string; expiresOn: string }> {
  const db = await own.pool();
  const { id } = await registerOrganization(db, testActor, {
    identifierKind: 'uid',
    identifier: uniqueUid(),
    legalName: 'Atelier Veilleur SA',
    type: 'employer',
  });
  const [manager, member] = [uniqueEmail('worker-manager'), uniqueEmail('worker-member')];
  const expiresOn = businessDay(new Date(Date.now() + 2 * 86_400_000));
  await addMember(db, testActor, { organizationId: id, email: manager, role: 'manager', status: 'active' });
  await addMember(db, testActor, { organizationId: id, email: member, role: 'member', status: 'active', expiresOn });
  return { manager, member, expiresOn };
}

describe('sync-service worker, a process of its own', () => {
  it('R28, R19: sends a notice whose first send failed and the reminder due today; SIGTERM stops it, nothing left behind', async () => {
    const db = await own.pool();
    const recipient = uniqueEmail('retried');
    await runCommand(db, testActor, ({ notify }) =>
      notify({ kind: 'test.retried', to: [recipient], subject: `Avis réessayé ${recipient}`, text: 'Envoyé par le worker.' }),
    );
    const [pending] = await noticesTo(db, recipient);
    const down = await unreachableMailer();
    try {
      expect(await drainNotices(db, down, { ids: [pending!.id] })).toEqual({ sent: 0, failed: 1 });
    } finally {
      down.close();
    }
    const expiring = await expiringMembership();

    const tag = `procura-worker-${process.pid}-term`;
    const worker = startWorkerProcess(await taggedUrl(tag));
    let children: number[] = [];
    let ended: Awaited<ReturnType<typeof stopWorkerProcess>>;
    try {
      await waitForMail(recipient, { subject: /^Avis réessayé/, timeoutMs: 30_000 });
      const [day, month, year] = expiring.expiresOn.split('-').reverse();
      const reminder = await waitForMail(expiring.manager, { subject: new RegExp(`${day}\\.${month}\\.${year}`), timeoutMs: 30_000 });
      expect(reminder.subject).toContain(expiring.member);
      // The projection's worker runs beside them: the organization reaches Keycloak.
      await waitUntil(
        'the projection',
        async () => (await db.query(`SELECT 1 FROM outbox WHERE topic = 'projection' AND processed_at IS NULL`)).rowCount === 0,
        30_000,
      );
      children = childrenOf(worker.pid!);
    } finally {
      ended = await stopWorkerProcess(worker, 'SIGTERM');
    }
    expect(ended, workerOutput(worker)).toEqual({ code: 0, signal: null });
    expect(await noticesTo(db, recipient), workerOutput(worker)).toEqual([expect.objectContaining({ attempts: 2, sent: true })]);
    expect(await mailsTo(recipient), workerOutput(worker)).toHaveLength(1);
    // tsx's esbuild service, a child of the worker, ends when its parent's pipe closes: a moment after.
    await waitUntil('its child processes to end', async () => [worker.pid!, ...children].filter(alive).length === 0, 5_000);
    await waitUntil('its database connections to close', async () => (await connectionsOf(tag)) === 0, 5_000);
  });

  it('SIGINT (Ctrl-C) stops it as cleanly', async () => {
    const tag = `procura-worker-${process.pid}-int`;
    const worker = startWorkerProcess(await taggedUrl(tag));
    let ended: Awaited<ReturnType<typeof stopWorkerProcess>>;
    try {
      // The outbox's and the notices' LISTEN connections: both loops are up.
      await waitUntil('the worker to listen', async () => (await connectionsOf(tag)) >= 2, 30_000);
    } finally {
      ended = await stopWorkerProcess(worker, 'SIGINT');
    }
    expect(ended, workerOutput(worker)).toEqual({ code: 0, signal: null });
    expect(alive(worker.pid!)).toBe(false);
    await waitUntil('its database connections to close', async () => (await connectionsOf(tag)) === 0, 5_000);
  });
});
