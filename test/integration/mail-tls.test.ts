import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, type SmtpTls } from '@procura/sync-service/mail';

/**
 * Issue 14 item 11: the sync-service's notices reach the relay over TLS unless the relay is on
 * loopback. Each relay here is a real SMTP server (the `smtp-server` package) on loopback, told
 * apart by what it offers: plain only, STARTTLS, or TLS from the first byte.
 */
interface Relay {
  readonly port: number;
  /** One entry per message the relay accepted: its recipients and whether the session was encrypted. */
  readonly received: { to: string[]; secure: boolean }[];
  close(): Promise<void>;
}

let dir: string;
let key: string;
let cert: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'procura-smtp-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startRelay(offers: 'plain' | 'starttls' | 'implicit'): Promise<Relay> {
  const received: Relay['received'] = [];
  const server = new SMTPServer({
    secure: offers === 'implicit',
    key,
    cert,
    logger: false,
    authOptional: true,
    disabledCommands: offers === 'plain' ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function send(relay: Relay, tls: SmtpTls | undefined, options: { host?: string; trusted?: boolean } = {}): Promise<void> {
  const mailer = createSmtpMailer({
    host: options.host ?? '127.0.0.1',
    port: relay.port,
    from: 'procura@example.test',
    ...(tls ? { tls } : {}),
    ...(options.trusted === false ? {} : { ca: cert }),
  });
  try {
    await mailer.send({ to: ['someone@example.test'], subject: 'Avis', text: 'Bonjour' });
  } finally {
    mailer.close();
  }
}

describe('the TLS of the way to the mail relay', () => {
  it('required: a relay that offers no STARTTLS gets no mail, nothing goes in clear', async () => {
    const relay = await startRelay('plain');
    try {
      await expect(send(relay, 'required')).rejects.toThrow(/STARTTLS/);
      expect(relay.received).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it('required: a relay that offers STARTTLS with a trusted certificate gets the mail encrypted', async () => {
    const relay = await startRelay('starttls');
    try {
      await send(relay, 'required');
      expect(relay.received).toEqual([{ to: ['someone@example.test'], secure: true }]);
    } finally {
      await relay.close();
    }
  });

  it('required: a relay whose certificate nobody vouches for gets no mail', async () => {
    const relay = await startRelay('starttls');
    try {
      await expect(send(relay, 'required', { trusted: false })).rejects.toThrow(/certificate/i);
      expect(relay.received).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it('implicit: TLS from the first byte, as on port 465', async () => {
    const relay = await startRelay('implicit');
    try {
      await send(relay, 'implicit');
      expect(relay.received).toEqual([{ to: ['someone@example.test'], secure: true }]);
    } finally {
      await relay.close();
    }
  });

  it('unset: a relay on loopback may be a plain development sink, and STARTTLS is still used where offered', async () => {
    const plain = await startRelay('plain');
    const starttls = await startRelay('starttls');
    try {
      await send(plain, undefined, { host: 'localhost' });
      await send(starttls, undefined, { host: 'localhost' });
      expect(plain.received).toEqual([{ to: ['someone@example.test'], secure: false }]);
      expect(starttls.received).toEqual([{ to: ['someone@example.test'], secure: true }]);
    } finally {
      await Promise.all([plain.close(), starttls.close()]);
    }
  });
});
