/**
 * The e-mails about a person's own account and their organization's services (R4, R14, R15, R28),
 * French first then English, as the others in `templates.ts`. Pure.
 */
import { bilingual, formatDate, named, type Mail } from './templates.js';

export interface EmailChangeLinkNotice {
  readonly personName: string;
  readonly newEmail: string;
  readonly link: string;
  /** The moment the link stops working (shown in Swiss time). */
  readonly expiresAt: Date;
  /** Issue 16 item 3: a manager asked it for the person (`Name, manager of Organization`); absent: the person did. */
  readonly requestedBy?: string | undefined;
}

const time = (at: Date, language: 'fr' | 'en'): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-CH' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Zurich' }).format(at);

/** R4: sent to the NEW address; the login e-mail changes only when this link is opened. */
export function emailChangeLinkMail(n: EmailChangeLinkNotice): Mail {
  return bilingual(
    { fr: 'Confirmez votre nouvelle adresse e-mail', en: 'Confirm your new e-mail address' },
    [
      n.requestedBy
        ? `${n.requestedBy} a demandé que ${n.newEmail} devienne votre adresse de connexion à Procura.`
        : `${n.personName ? `${n.personName}, vous` : 'Vous'} avez demandé que ${n.newEmail} devienne votre adresse de connexion à Procura.`,
      'Pour confirmer, ouvrez ce lien :',
      n.link,
      '',
      `Il ne sert qu'une fois et expire le ${time(n.expiresAt, 'fr')}. D'ici là, vous vous connectez avec votre adresse actuelle.`,
      "Si vous n'avez rien demandé, ignorez ce message : rien ne change.",
    ],
    [
      n.requestedBy
        ? `${n.requestedBy} asked for ${n.newEmail} to become your Procura login address.`
        : `${n.personName ? `${n.personName}, you` : 'You'} asked for ${n.newEmail} to become your Procura login address.`,
      'To confirm, open this link:',
      n.link,
      '',
      `It works once and expires on ${time(n.expiresAt, 'en')}. Until then, you sign in with your current address.`,
      'If you asked for nothing, ignore this message: nothing changes.',
    ],
  );
}

export interface EmailChangeRequestedNotice {
  readonly newEmail: string;
  /** The link that cancels the change (the console's /email-change#cancel=…). */
  readonly cancelLink: string;
  readonly expiresAt: Date;
}

/**
 * Issue 14 item 7: the CURRENT address is told when a change is asked, with a link that cancels it,
 * so that a stolen session cannot move the account away unseen.
 */
export function emailChangeRequestedMail(n: EmailChangeRequestedNotice): Mail {
  return bilingual(
    { fr: 'Demande de changement de votre adresse de connexion', en: 'Request to change your login address' },
    [
      `Une demande a été faite pour que ${n.newEmail} devienne l'adresse de connexion de votre compte Procura, à la place de celle-ci.`,
      "Si c'est vous, rien à faire : la nouvelle adresse doit encore être confirmée.",
      `Si ce n'est pas vous, annulez la demande avec ce lien (valable jusqu'au ${time(n.expiresAt, 'fr')}), puis changez votre mot de passe :`,
      n.cancelLink,
    ],
    [
      `Someone asked for ${n.newEmail} to become the login address of your Procura account, instead of this one.`,
      'If it was you, there is nothing to do: the new address must still be confirmed.',
      `If it was not you, cancel the request with this link (valid until ${time(n.expiresAt, 'en')}), then change your password:`,
      n.cancelLink,
    ],
  );
}

export interface EmailChangedNotice {
  readonly oldEmail: string;
  readonly newEmail: string;
}

/** R4, R28: the OLD address is told that the login e-mail changed, so that a theft shows. */
export function emailChangedMail(n: EmailChangedNotice): Mail {
  return bilingual(
    { fr: 'Adresse de connexion modifiée', en: 'Login address changed' },
    [
      `L'adresse de connexion de votre compte Procura est désormais ${n.newEmail} ; ${n.oldEmail} ne sert plus à vous connecter.`,
      "Si ce changement n'est pas de vous, contactez sans attendre un gestionnaire de votre organisation ou le support.",
    ],
    [
      `The login address of your Procura account is now ${n.newEmail}; ${n.oldEmail} no longer signs you in.`,
      "If you did not make this change, contact one of your organization's managers or the support at once.",
    ],
  );
}

export interface HandOverNotice {
  readonly organizationName: string;
  readonly formerName: string;
  readonly formerEmail: string;
  readonly successorName: string;
  readonly successorEmail: string;
  readonly role: { readonly fr: string; readonly en: string };
}

/** R14: the leaving manager is told that their successor now holds their role, and may remove them. */
export function handOverMail(n: HandOverNotice): Mail {
  const successor = named(n.successorName, n.successorEmail);
  return bilingual(
    { fr: `Passation : ${n.organizationName}`, en: `Hand-over: ${n.organizationName}` },
    [
      `${successor} est désormais ${n.role.fr} de ${n.organizationName} et reprend votre rôle de gestion.`,
      "Votre accès reste ouvert jusqu'à ce que votre successeur ou un autre gestionnaire le retire.",
    ],
    [
      `${successor} is now ${n.role.en} of ${n.organizationName} and takes over your management role.`,
      'Your access stays open until your successor or another manager removes it.',
    ],
  );
}

export interface ServiceActivatedNotice {
  readonly organizationName: string;
  readonly service: { readonly fr: string; readonly en: string };
  /** YYYY-MM-DD. */
  readonly startsOn: string;
  readonly activatedBy: string;
  readonly consoleUrl: string;
}

/** R15, R28: the organization's managers are told that a service was activated for it. */
export function serviceActivatedMail(n: ServiceActivatedNotice): Mail {
  return bilingual(
    { fr: `Service activé : ${n.service.fr} pour ${n.organizationName}`, en: `Service activated: ${n.service.en} for ${n.organizationName}` },
    [
      `${n.activatedBy} a activé le service « ${n.service.fr} » pour ${n.organizationName}, à partir du ${formatDate(n.startsOn, 'fr')}.`,
      'Ses droits peuvent désormais être accordés aux membres, un par un, dans la console :',
      n.consoleUrl,
    ],
    [
      `${n.activatedBy} activated the service "${n.service.en}" for ${n.organizationName}, from ${formatDate(n.startsOn, 'en')}.`,
      'Its rights can now be granted to members, one by one, in the console:',
      n.consoleUrl,
    ],
  );
}

export interface AccountConfirmationNotice {
  readonly email: string;
  readonly personName: string;
  readonly phone: string | null;
  readonly organizationName: string;
  readonly role: { readonly fr: string; readonly en: string };
  /** The rights held, `Service : right` (maybe none yet). */
  readonly rights: ReadonlyArray<{ readonly fr: string; readonly en: string }>;
}

/**
 * R16 (ge-edemarches « un e-mail de confirmation … avec votre identifiant et le résumé de vos
 * informations »): sent to the person once activated. Never a secret: no password, no answer, no key.
 */
export function accountConfirmationMail(n: AccountConfirmationNotice): Mail {
  const rights = (language: 'fr' | 'en') =>
    n.rights.length > 0 ? n.rights.map((right) => `  - ${right[language]}`) : [language === 'fr' ? '  aucun pour le moment' : '  none yet'];
  return bilingual(
    { fr: `Votre compte est activé : ${n.organizationName}`, en: `Your account is activated: ${n.organizationName}` },
    [
      `Votre compte Procura est activé : vous agissez désormais pour ${n.organizationName}.`,
      `Votre identifiant de connexion : ${n.email}`,
      '',
      'Le résumé de vos informations :',
      `- Nom : ${n.personName || '(non renseigné)'}`,
      `- Téléphone : ${n.phone ?? '(non renseigné)'}`,
      `- Organisation : ${n.organizationName}`,
      `- Rôle : ${n.role.fr}`,
      '- Droits :',
      ...rights('fr'),
      '',
      "Votre mot de passe et vos réponses secrètes ne figurent dans aucun e-mail. Si une information est inexacte, corrigez-la dans votre profil ou adressez-vous à un gestionnaire de l'organisation.",
    ],
    [
      `Your Procura account is activated: you now act for ${n.organizationName}.`,
      `Your login identifier: ${n.email}`,
      '',
      'The summary of your details:',
      `- Name: ${n.personName || '(not given)'}`,
      `- Phone: ${n.phone ?? '(not given)'}`,
      `- Organization: ${n.organizationName}`,
      `- Role: ${n.role.en}`,
      '- Rights:',
      ...rights('en'),
      '',
      "Your password and secret answers are in no e-mail. If a detail is wrong, correct it in your profile or turn to one of the organization's managers.",
    ],
  );
}
