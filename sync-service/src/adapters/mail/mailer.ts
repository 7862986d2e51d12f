import { isIP } from 'node:net';
import nodemailer from 'nodemailer';

/** One e-mail of the sync-service's own (R28): plain text, French first then English. */
export interface OutgoingMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/**
 * The door to the outside world for the sync-service's e-mails. Keycloak sends its own (login
 * codes, password resets) through the realm's SMTP settings; these are the notices of R28 that
 * the business model knows about (invitations, activations, reminders).
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * How the connection to the relay is protected (issue 14 item 11):
 * - `required`: STARTTLS on the submission port, and no mail is sent when the relay does not offer it;
 * - `implicit`: TLS from the first byte (port 465);
 * - `optional`: STARTTLS when the relay offers it, plain SMTP otherwise (a sink on loopback).
 * The relay's certificate is always verified when TLS is used.
 */
export type SmtpTls = 'required' | 'implicit' | 'optional';

export const SMTP_TLS_MODES: readonly SmtpTls[] = ['required', 'implicit', 'optional'];

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly from: string;
  /** Absent: `optional` for a relay on loopback, `required` for any other ({@link defaultSmtpTls}). */
  readonly tls?: SmtpTls;
  /** PEM certificates to trust for the relay besides the system's (a private authority). */
  readonly ca?: string;
}

/** Whether the host is this machine: a name or an address of loopback, where nobody can listen in between. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** TLS is required on the way to any relay but one on loopback. */
export function defaultSmtpTls(host: string): SmtpTls {
  return isLoopbackHost(host) ? 'optional' : 'required';
}

/**
 * An SMTP mailer (nodemailer), one pooled transport per process, protected as `settings.tls` says.
 *
 * @see https://nodemailer.com/smtp/
 */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const mode = settings.tls ?? defaultSmtpTls(settings.host);
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: mode === 'implicit',
    requireTLS: mode === 'required',
    pool: true,
    maxConnections: 2,
    tls: { minVersion: 'TLSv1.2', ...(settings.ca ? { ca: settings.ca } : {}) },
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: settings.from, to: [...mail.to], subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
