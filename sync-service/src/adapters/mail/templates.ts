/**
 * The sync-service's e-mails (R28), in French and English: French first in each message, English
 * below a separator (no locale is known for a person yet). Pure: data in, subject and text out.
 */
import type { OutgoingMail } from './mailer.js';

export type Mail = Omit<OutgoingMail, 'to'>;

const separator = '\n\n— English below —\n\n';

/** `2026-05-10` as `10.05.2026` (fr-CH) and `10 May 2026` (en). */
export function formatDate(isoDate: string, language: 'fr' | 'en'): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CH' : 'en-GB', {
    day: '2-digit',
    month: language === 'fr' ? '2-digit' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Subject `fr / en`; body: the French greeting and lines, then the English ones. */
export function bilingual(subject: { fr: string; en: string }, fr: string[], en: string[]): Mail {
  return { subject: `${subject.fr} / ${subject.en}`, text: `Bonjour,\n\n${fr.join('\n')}${separator}Hello,\n\n${en.join('\n')}\n` };
}

/** A person as the notices name them: `Name (e-mail)`, or the e-mail alone. */
export const named = (name: string, email: string): string => (name ? `${name} (${email})` : email);

export interface InvitationNotice {
  readonly organizationName: string;
  /** Null: the invitation of the representative whose sign-up was validated (R10). */
  readonly inviterName: string | null;
  readonly link: string;
  /** YYYY-MM-DD, the last day the link works. */
  readonly expiresOn: string;
  /** R16 (Geneva): activation asks for the organization's mail security key. */
  readonly asksMailSecurityKey: boolean;
  /** R16: activation asks for the answer the manager chose. */
  readonly asksSecretAnswer: boolean;
}

/** R16: the link that activates the pending account. */
export function invitationMail(n: InvitationNotice): Mail {
  const signedUp = n.inviterName === null;
  const fr = [
    signedUp
      ? `L'inscription de ${n.organizationName} sur Procura est validée : vous en êtes le requérant.`
      : `${n.inviterName} vous invite à agir pour ${n.organizationName} sur Procura.`,
    'Pour activer votre accès, ouvrez ce lien et choisissez votre mot de passe :',
    n.link,
    '',
    `Ce lien est valable jusqu'au ${formatDate(n.expiresOn, 'fr')} inclus et ne sert qu'une fois.`,
    ...(n.asksMailSecurityKey ? ["L'activation vous demandera la clé de sécurité courrier de l'organisation, reçue par courrier postal."] : []),
    ...(n.asksSecretAnswer ? ['Elle vous demandera aussi la réponse secrète que votre gestionnaire vous a communiquée.'] : []),
    signedUp
      ? "Si vous n'avez pas fait cette inscription, ignorez ce message et prévenez le support."
      : "Si vous n'attendiez pas cette invitation, ignorez ce message.",
  ];
  const en = [
    signedUp
      ? `The sign-up of ${n.organizationName} on Procura is validated: you are its legal representative.`
      : `${n.inviterName} invites you to act for ${n.organizationName} on Procura.`,
    'To activate your access, open this link and choose your password:',
    n.link,
    '',
    `This link works until ${formatDate(n.expiresOn, 'en')} included, and only once.`,
    ...(n.asksMailSecurityKey ? ["Activation will ask for the organization's mail security key, received by post."] : []),
    ...(n.asksSecretAnswer ? ['It will also ask for the secret answer your manager gave you.'] : []),
    signedUp ? 'If you did not file this sign-up, ignore this message and tell the support.' : 'If you did not expect this invitation, ignore this message.',
  ];
  const subject = signedUp
    ? { fr: `Inscription validée : ${n.organizationName}`, en: `Sign-up validated: ${n.organizationName}` }
    : { fr: `Invitation à rejoindre ${n.organizationName}`, en: `Invitation to join ${n.organizationName}` };
  return bilingual(subject, fr, en);
}

export interface ActivationNotice {
  readonly organizationName: string;
  readonly personName: string;
  readonly personEmail: string;
}

/** R16, R28: the inviting manager is told that the account is active. */
export function accountActivatedMail(n: ActivationNotice): Mail {
  const who = named(n.personName, n.personEmail);
  return bilingual(
    { fr: `Compte activé : ${n.personEmail}`, en: `Account activated: ${n.personEmail}` },
    [`${who} a activé son accès à ${n.organizationName}.`, 'Ses droits sont en vigueur dès maintenant.'],
    [`${who} activated their access to ${n.organizationName}.`, 'Their rights apply from now on.'],
  );
}

export interface ExpiryReminderNotice {
  readonly organizationName: string;
  readonly memberName: string;
  readonly memberEmail: string;
  /** YYYY-MM-DD, the last day of access. */
  readonly expiresOn: string;
  readonly consoleUrl: string;
}

/** R19, R28: the managers are reminded, on the 20th of the month before, that an access ends. */
export function expiryReminderMail(n: ExpiryReminderNotice): Mail {
  const who = named(n.memberName, n.memberEmail);
  const [fr, en] = [formatDate(n.expiresOn, 'fr'), formatDate(n.expiresOn, 'en')];
  return bilingual(
    { fr: `Échéance d'accès le ${fr} : ${n.memberEmail}`, en: `Access ends on ${en}: ${n.memberEmail}` },
    [`L'accès de ${who} à ${n.organizationName} prend fin le ${fr}.`, 'Pour le prolonger, renouvelez son échéance dans la console :', n.consoleUrl],
    [`The access of ${who} to ${n.organizationName} ends on ${en}.`, 'To extend it, renew its expiry date in the console:', n.consoleUrl],
  );
}

export interface MailSecurityKeyNotice {
  readonly organizationName: string;
  readonly changedBy: string;
  /** True when the key was removed: activation no longer asks for one. */
  readonly removed: boolean;
}

/** R23, R28: the other managers are told that the mail security key changed (never the key itself). */
export function mailSecurityKeyChangedMail(n: MailSecurityKeyNotice): Mail {
  return bilingual(
    { fr: `Clé de sécurité courrier modifiée : ${n.organizationName}`, en: `Mail security key changed: ${n.organizationName}` },
    [
      n.removed
        ? `${n.changedBy} a retiré la clé de sécurité courrier de ${n.organizationName} : l'activation des comptes ne la demande plus.`
        : `${n.changedBy} a changé la clé de sécurité courrier de ${n.organizationName}.`,
      "Les invitations en attente demanderont désormais la nouvelle clé. Si vous n'êtes pas au courant de ce changement, vérifiez-le avec vos collègues.",
    ],
    [
      n.removed
        ? `${n.changedBy} removed the mail security key of ${n.organizationName}: account activation no longer asks for one.`
        : `${n.changedBy} changed the mail security key of ${n.organizationName}.`,
      'Pending invitations will now ask for the new key. If you did not know of this change, check it with your colleagues.',
    ],
  );
}

export interface AccessRequestNotice {
  readonly organizationName: string;
  readonly personName: string;
  readonly personEmail: string;
  readonly role: 'member' | 'observer';
  readonly message: string;
  readonly consoleUrl: string;
}

/** R22, R28: a person asks for access; an observer request goes to the legal representatives. */
export function accessRequestMail(n: AccessRequestNotice): Mail {
  const who = named(n.personName, n.personEmail);
  const role = n.role === 'observer' ? { fr: "d'observateur", en: 'observer' } : { fr: 'de membre', en: 'member' };
  const quoted = n.message ? [`« ${n.message} »`] : [];
  return bilingual(
    { fr: `Demande d'accès ${role.fr} : ${n.organizationName}`, en: `Request for ${role.en} access: ${n.organizationName}` },
    [`${who} demande un accès ${role.fr} à ${n.organizationName}.`, ...quoted, 'Acceptez ou refusez la demande dans la console :', n.consoleUrl],
    [`${who} asks for ${role.en} access to ${n.organizationName}.`, ...quoted, 'Accept or refuse the request in the console:', n.consoleUrl],
  );
}

export interface AccessAnswerNotice {
  readonly organizationName: string;
  readonly role: 'member' | 'observer';
  /** Who answered, as the notices name people. */
  readonly answeredBy: string;
  readonly consoleUrl: string;
  /** Approved: the rights given with the role (labels of the service and the right), maybe none. */
  readonly rights?: ReadonlyArray<{ readonly fr: string; readonly en: string }>;
  /** Refused: the reason the manager gave. */
  readonly reason?: string;
}

/** R22: the person who asked learns the answer, whichever it is; a refusal quotes its reason. */
export function accessAnswerMail(n: AccessAnswerNotice): Mail {
  const role = n.role === 'observer' ? { fr: "d'observateur", en: 'observer' } : { fr: 'de membre', en: 'member' };
  if (n.reason !== undefined) {
    return bilingual(
      { fr: `Demande d'accès refusée : ${n.organizationName}`, en: `Access request refused: ${n.organizationName}` },
      [
        `${n.answeredBy} a refusé votre demande d'accès ${role.fr} à ${n.organizationName}.`,
        `Motif : « ${n.reason} »`,
        "Pour en parler, adressez-vous aux gestionnaires de l'organisation.",
      ],
      [
        `${n.answeredBy} refused your request for ${role.en} access to ${n.organizationName}.`,
        `Reason: “${n.reason}”`,
        "To discuss it, turn to the organization's managers.",
      ],
    );
  }
  const rights = n.rights ?? [];
  return bilingual(
    { fr: `Demande d'accès acceptée : ${n.organizationName}`, en: `Access request accepted: ${n.organizationName}` },
    [
      `${n.answeredBy} a accepté votre demande : vous agissez désormais pour ${n.organizationName} en tant ${n.role === 'observer' ? "qu'observateur" : 'que membre'}.`,
      ...(rights.length > 0 ? ['Vos droits :', ...rights.map((right) => `- ${right.fr}`)] : []),
      'Connectez-vous à la console :',
      n.consoleUrl,
    ],
    [
      `${n.answeredBy} accepted your request: you now act for ${n.organizationName} as ${n.role === 'observer' ? 'an observer' : 'a member'}.`,
      ...(rights.length > 0 ? ['Your rights:', ...rights.map((right) => `- ${right.en}`)] : []),
      'Sign in to the console:',
      n.consoleUrl,
    ],
  );
}
