import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Mailer } from '@procura/sync-service/mail';
import { insertNotice } from '@procura/sync-service/notices/outbox';
import { drainNotices, startNoticeWorker } from '@procura/sync-service/notices/worker';
import { createLogger } from '@procura/sync-service/logger';
import { activateService } from '@procura/sync-service/services/activation';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { droppingMailer, sinkMailer, unreachableMailer } from '../helpers/smtp.js';
import { database, stack } from '../helpers/stack.js';

/**
 * R28: notices leave through the outbox. Written in the command's transaction, a notice survives
 * what happens after the commit: here the SMTP server is unreachable (no request sent it at once,
 * as after a crash), the worker's send fails and is retried later, and the e-mail arrives once.
 */

describe('R28: a notice survives a failed send', () => {
  it('SMTP unreachable → kept with a backoff → SMTP back → sent once', async () => {
    const organization = await createTestOrganization({ legalName: 'Courrier Résistant SA' });
    const manager = await createTestMember(organization.id, 'manager');
    await activateService(database(), testActor, { organizationId: organization.id, serviceId: 'company-journal', consoleUrl: stack().publicUrl });
    const { rows } = await database().query<{ id: string }>(`SELECT id FROM outbox WHERE topic = 'notice' AND payload->'to' ? $1`, [manager.email]);
    expect(rows).toHaveLength(1);
    const ids = rows.map((row) => row.id);

    const unreachable = await unreachableMailer();
    expect(await drainNotices(database(), unreachable, { ids })).toEqual({ sent: 0, failed: 1 });
    unreachable.close();
    const failed = await database().query(`SELECT attempts, last_error, processed_at, available_at > now() AS waiting FROM outbox WHERE id = $1`, [ids[0]]);
    expect(failed.rows[0]).toMatchObject({ attempts: 1, processed_at: null, waiting: true });
    expect(failed.rows[0].last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await drainNotices(database(), unreachable, { ids })).toEqual({ sent: 0, failed: 0 }); // not due yet

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the first backoff: 1 s
    const sink = sinkMailer();
    try {
      expect(await drainNotices(database(), sink, { ids })).toEqual({ sent: 1, failed: 0 });
      expect(await drainNotices(database(), sink, { ids })).toEqual({ sent: 0, failed: 0 });
    } finally {
      sink.close();
    }
    await waitForMail(manager.email, { subject: /^Service activé/ });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailsTo(manager.email)).toHaveLength(1);
    const sent = await database().query(`SELECT attempts, processed_at IS NOT NULL AS sent, payload ? 'text' AS "keepsText" FROM outbox WHERE id = $1`, [
      ids[0],
    ]);
    expect(sent.rows[0]).toEqual({ attempts: 2, sent: true, keepsText: false });
  });

  it('a send that fails slowly (a relay dropping connections) still waits its whole backoff from the failure', async () => {
    const organization = await createTestOrganization({ legalName: 'Relais Lent SA' });
    const manager = await createTestMember(organization.id, 'manager');
    await activateService(database(), testActor, { organizationId: organization.id, serviceId: 'company-journal', consoleUrl: stack().publicUrl });
    const { rows } = await database().query<{ id: string }>(`SELECT id FROM outbox WHERE topic = 'notice' AND payload->'to' ? $1`, [manager.email]);
    const ids = rows.map((row) => row.id);

    const dropping = await droppingMailer();
    const started = Date.now();
    try {
      expect(await drainNotices(database(), dropping, { ids })).toEqual({ sent: 0, failed: 1 });
    } finally {
      dropping.close();
    }
    const failedAfter = Date.now() - started;
    expect(failedAfter).toBeGreaterThan(1_000); // longer than the first backoff, or this test proves nothing
    const {
      rows: [row],
    } = await database().query(`SELECT attempts, available_at > now() + interval '500 milliseconds' AS waiting FROM outbox WHERE id = $1`, [ids[0]]);
    // Counted from the transaction's start, the 1 s backoff would already be over: retried at once.
    expect(row).toEqual({ attempts: 1, waiting: true });
    const sink = sinkMailer();
    try {
      expect(await drainNotices(database(), sink, { ids })).toEqual({ sent: 0, failed: 0 }); // not due yet
    } finally {
      sink.close();
    }
  });

  it('R23: the key change leaves through the outbox too (as the access request and the activation notice), sent at once by the request', async () => {
    const organization = await createTestOrganization({ legalName: 'Boîte Sûre SA' });
    const [changer, colleague] = [await createTestMember(organization.id, 'manager'), await createTestMember(organization.id, 'legal_representative')];
    expect((await callApi(await bearerOf(changer), 'put', `/organizations/${organization.id}/mail-security-key`, { key: 'GE-BOITE-2026' })).status).toBe(204);
    await waitForMail(colleague.email, { subject: /^Clé de sécurité courrier modifiée : Boîte Sûre SA/ });
    const { rows } = await database().query(
      `SELECT aggregate_id AS kind, payload, processed_at IS NOT NULL AS sent FROM outbox WHERE topic = 'notice' AND payload->'to' ? $1`,
      [colleague.email],
    );
    expect(rows).toEqual([
      { kind: 'organization.mail_security_key_changed', payload: { to: [colleague.email], subject: expect.stringMatching(/^Clé de sécurité/) }, sent: true },
    ]);
  });

  it('issue 18: a sender killed in the middle of its batch leaves only the notice it was sending to send again (each sent notice is committed at once)', async () => {
    const run = randomBytes(3).toString('hex');
    const to = [0, 1, 2].map((i) => `crash-${run}-${i}@example.org`);
    const ids: string[] = [];
    for (const address of to) ids.push(await insertNotice(database(), { kind: 'test.crash', to: [address], subject: 'Avis', text: 'Une fois. / Once.' }));
    // The sender's connection is killed while it sends the third, as kill -9 of its process would.
    const dying = new pg.Pool({ connectionString: stack().databaseUrl, max: 1, application_name: `notice-crash-${run}` });
    dying.on('error', () => {});
    dying.on('connect', (client) => client.on('error', () => {}));
    const sentBefore: string[] = [];
    const killedMidway: Mailer = {
      async send(mail) {
        if (sentBefore.length === 2) {
          await database().query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`notice-crash-${run}`]);
          throw new Error('the process died');
        }
        sentBefore.push(mail.to[0]!);
      },
      close() {},
    };
    await drainNotices(dying, killedMidway, { ids }).catch(() => undefined);
    await dying.end().catch(() => undefined);
    const sentAfter: string[] = [];
    const survivor: Mailer = {
      async send(mail) {
        sentAfter.push(mail.to[0]!);
      },
      close() {},
    };
    await drainNotices(database(), survivor, { ids });
    expect(sentBefore).toEqual(to.slice(0, 2));
    expect(sentAfter).toEqual([to[2]]);
  });

  it('the notice worker sends, by itself, what no request sent (a crash after the commit)', async () => {
    const organization = await createTestOrganization({ legalName: 'Après Panne SA' });
    const manager = await createTestMember(organization.id, 'manager');
    const sink = sinkMailer();
    const worker = startNoticeWorker(database(), sink, { databaseUrl: stack().databaseUrl, logger: createLogger('silent'), pollMs: 60_000 });
    try {
      // Committed outside any request: only the worker, woken by the commit's NOTIFY, sends it.
      await activateService(database(), testActor, { organizationId: organization.id, serviceId: 'insurance-certificates', consoleUrl: stack().publicUrl });
      // Well before the worker's next poll (60 s): the NOTIFY woke it. Generous for a loaded machine.
      await waitForMail(manager.email, { subject: /^Service activé : .+ pour Après Panne SA/, timeoutMs: 20_000 });
    } finally {
      await worker.stop();
      sink.close();
    }
  });
});
