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

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly from: string;
}

/**
 * An SMTP mailer (nodemailer), one pooled transport per process. Plain SMTP with STARTTLS when the
 * server offers it: the server is the platform's relay (or the test sink), not the open internet.
 *
 * @see https://nodemailer.com/smtp/
 */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({ host: settings.host, port: settings.port, secure: false, pool: true, maxConnections: 2 });
  return {
    async send(mail) {
      await transport.sendMail({ from: settings.from, to: [...mail.to], subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
