/**
 * The e-mails of the operator's support desk (issue 16 item 6), French first then English, as the
 * others in `templates.ts`. Pure: the support contact comes in with the notice.
 */
import { bilingual, type Mail } from './templates.js';

const time = (at: Date, language: 'fr' | 'en'): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-CH' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(at);

export interface SupportEmailChangeNotice {
  readonly newEmail: string;
  /** The operator's reason, as typed by the operator (never by the person asking). */
  readonly reason: string;
  /** The link that cancels the change (the console's /email-change#cancel=…). */
  readonly cancelLink: string;
  readonly expiresAt: Date;
  /** Where to say « it is not me »: the support's e-mail and phone. */
  readonly contact: { readonly email: string; readonly phone: string };
}

/**
 * fer-ge « ancienne et nouvelle adresse »: the OLD address is told that the support is changing the
 * login e-mail, with the reason, a link that cancels the change and whom to contact if it is not them.
 */
export function supportEmailChangeMail(n: SupportEmailChangeNotice): Mail {
  return bilingual(
    { fr: 'Le support change votre adresse de connexion', en: 'The support is changing your login address' },
    [
      `Le support de Procura change l'adresse de connexion de votre compte : ${n.newEmail} la remplacera dès qu'elle aura été confirmée.`,
      `Motif : ${n.reason}`,
      `Si ce n'est pas à votre demande, annulez le changement avec ce lien (valable jusqu'au ${time(n.expiresAt, 'fr')}) :`,
      n.cancelLink,
      `et contactez le support sans attendre : ${n.contact.email}, ${n.contact.phone}.`,
    ],
    [
      `Procura's support is changing the login address of your account: ${n.newEmail} replaces it once confirmed.`,
      `Reason: ${n.reason}`,
      `If you did not ask for it, cancel the change with this link (valid until ${time(n.expiresAt, 'en')}):`,
      n.cancelLink,
      `and contact the support at once: ${n.contact.email}, ${n.contact.phone}.`,
    ],
  );
}

/** The NEW address gets the verification link (R4), saying the support asked for it. */
export function supportEmailChangeLinkMail(n: { readonly newEmail: string; readonly link: string; readonly expiresAt: Date }): Mail {
  return bilingual(
    { fr: 'Confirmez votre nouvelle adresse e-mail', en: 'Confirm your new e-mail address' },
    [
      `À votre demande, le support de Procura fait de ${n.newEmail} l'adresse de connexion de votre compte.`,
      'Pour confirmer, ouvrez ce lien :',
      n.link,
      '',
      `Il ne sert qu'une fois et expire le ${time(n.expiresAt, 'fr')}.`,
      "Si vous n'avez rien demandé, ignorez ce message : rien ne change.",
    ],
    [
      `At your request, Procura's support makes ${n.newEmail} the login address of your account.`,
      'To confirm, open this link:',
      n.link,
      '',
      `It works once and expires on ${time(n.expiresAt, 'en')}.`,
      'If you asked for nothing, ignore this message: nothing changes.',
    ],
  );
}
