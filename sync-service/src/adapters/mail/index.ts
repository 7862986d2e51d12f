export { createSmtpMailer, type Mailer, type OutgoingMail, type SmtpSettings } from './mailer.js';
export * from './templates.js';
export * from './account-templates.js';
export * from './operator-templates.js';
