export { createSmtpMailer, defaultSmtpTls, isLoopbackHost, SMTP_TLS_MODES, type Mailer, type OutgoingMail, type SmtpSettings, type SmtpTls } from './mailer.js';
export * from './templates.js';
export * from './account-templates.js';
export * from './operator-templates.js';
export * from './support-desk-templates.js';
