import { createServer, type AddressInfo } from 'node:net';
import type pg from 'pg';
import { createSmtpMailer, type Mailer } from '@procura/sync-service/mail';
import { freePort } from '../harness/ports.js';
import { stack } from './stack.js';

/** A mailer on the run's SMTP sink (close it after use). */
export function sinkMailer(): Mailer {
  return createSmtpMailer({ host: stack().mail.smtpHost, port: stack().mail.smtpPort, from: 'procura@example.test' });
}

/** A mailer on a port nobody listens on: the SMTP relay is down (close it after use). */
export async function unreachableMailer(): Promise<Mailer> {
  return createSmtpMailer({ host: '127.0.0.1', port: await freePort(), from: 'procura@example.test' });
}

export interface OutboxNotice {
  readonly id: string;
  readonly kind: string;
  readonly attempts: number;
  readonly sent: boolean;
  readonly lastError: string | null;
}

/** The outbox's notices to `address` (R28, decision 0020), oldest first. */
export async function noticesTo(db: pg.Pool, address: string): Promise<OutboxNotice[]> {
  const { rows } = await db.query<OutboxNotice>(
    `SELECT id, aggregate_id AS kind, attempts, processed_at IS NOT NULL AS sent, last_error AS "lastError"
       FROM outbox WHERE topic = 'notice' AND payload->'to' ? $1 ORDER BY id`,
    [address],
  );
  return rows;
}

/**
 * A mailer whose relay drops every connection: the SMTP client retries before giving up, so each
 * send fails only after a couple of seconds, longer than the first backoff (close it after use).
 */
export async function droppingMailer(): Promise<Mailer> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const mailer = createSmtpMailer({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, from: 'procura@example.test' });
  return {
    send: (mail) => mailer.send(mail),
    close() {
      mailer.close();
      server.close();
    },
  };
}
