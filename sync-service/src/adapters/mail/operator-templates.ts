/**
 * The e-mails of the operator's decisions (R24, R27, R28, R10, R30), French then English. Pure.
 */
import { bilingual, formatDate, named, type Mail } from './templates.js';

export interface MandateDecisionNotice {
  readonly fiduciaryName: string;
  readonly clientName: string;
  readonly decision: 'active' | 'rejected';
  readonly reason: string | null;
  readonly consoleUrl: string;
}

/** R24, R31: the fiduciary is told the operator's decision, and why a rejection. */
export function mandateDecisionMail(n: MandateDecisionNotice): Mail {
  if (n.decision === 'active') {
    return bilingual(
      { fr: `Mandat validé : ${n.clientName}`, en: `Mandate validated: ${n.clientName}` },
      [
        `Le mandat de ${n.fiduciaryName} pour ${n.clientName} est validé et actif dès aujourd'hui.`,
        'Désignez ses gestionnaires mandataires et leurs droits dans la console :',
        n.consoleUrl,
      ],
      [
        `The mandate of ${n.fiduciaryName} for ${n.clientName} is validated and active from today.`,
        'Assign its delegates and their rights in the console:',
        n.consoleUrl,
      ],
    );
  }
  return bilingual(
    { fr: `Mandat refusé : ${n.clientName}`, en: `Mandate rejected: ${n.clientName}` },
    [
      `La demande de mandat de ${n.fiduciaryName} pour ${n.clientName} est refusée.`,
      `Motif : ${n.reason ?? ''}`,
      'Vous pouvez déposer une nouvelle demande avec une procuration conforme.',
    ],
    [
      `The mandate request of ${n.fiduciaryName} for ${n.clientName} is rejected.`,
      `Reason: ${n.reason ?? ''}`,
      'You may file a new request with a valid power of attorney.',
    ],
  );
}

/** R27, R28 « fiduciary attached »: the client's representatives are told that a fiduciary now acts for it. */
export function fiduciaryAttachedMail(n: { readonly fiduciaryName: string; readonly clientName: string; readonly consoleUrl: string }): Mail {
  return bilingual(
    { fr: `Fiduciaire rattachée : ${n.fiduciaryName}`, en: `Fiduciary attached: ${n.fiduciaryName}` },
    [
      `${n.fiduciaryName} agit désormais pour ${n.clientName}, en vertu d'un mandat validé par l'opérateur.`,
      'Vous pouvez mettre fin à ce mandat à tout moment dans la console :',
      n.consoleUrl,
    ],
    [
      `${n.fiduciaryName} now acts for ${n.clientName}, under a mandate the operator validated.`,
      'You may end this mandate at any time in the console:',
      n.consoleUrl,
    ],
  );
}

/**
 * R10: the representative learns that the sign-up was received and when the operator will have
 * decided. Sent to an address nobody has proven yet, so it carries no text typed in the public form
 * (issue 14 item 11): the organization is named as the official registry names it.
 */
export function signUpReceivedMail(n: { readonly registryName: string; readonly identifier: string; readonly deadline: string }): Mail {
  return bilingual(
    { fr: `Inscription reçue : ${n.registryName}`, en: `Sign-up received: ${n.registryName}` },
    [
      `Nous avons bien reçu l'inscription de ${n.registryName} (${n.identifier}).`,
      `Nos équipes la vérifient d'ici au ${formatDate(n.deadline, 'fr')} ; vous recevrez alors votre invitation par e-mail.`,
      "Si vous n'avez pas fait cette inscription, ignorez ce message : elle ne sera pas validée sans les vérifications de nos équipes.",
    ],
    [
      `We received the sign-up of ${n.registryName} (${n.identifier}).`,
      `Our team checks it by ${formatDate(n.deadline, 'en')}; you will then receive your invitation by e-mail.`,
      "If you did not file this sign-up, ignore this message: it will not be validated without our team's checks.",
    ],
  );
}

/** R10, R31: the representative learns that the sign-up was rejected, and why (the operator's words, the registry's name). */
export function signUpRejectedMail(n: { readonly registryName: string; readonly reason: string }): Mail {
  return bilingual(
    { fr: `Inscription refusée : ${n.registryName}`, en: `Sign-up rejected: ${n.registryName}` },
    [`L'inscription de ${n.registryName} n'a pas été validée.`, `Motif : ${n.reason}`, 'Vous pouvez déposer une nouvelle inscription corrigée.'],
    [`The sign-up of ${n.registryName} was not validated.`, `Reason: ${n.reason}`, 'You may file a corrected sign-up.'],
  );
}

/** R30: the requester is told the operator's decision on the recovery (an invitation follows separately when they had no account there). */
export function recoveryDecisionMail(n: {
  readonly organizationName: string;
  readonly appointed: boolean;
  readonly reason: string | null;
  readonly consoleUrl: string;
}): Mail {
  if (n.appointed) {
    return bilingual(
      { fr: `Reprise acceptée : ${n.organizationName}`, en: `Recovery accepted: ${n.organizationName}` },
      [
        `Vous êtes désormais requérant de ${n.organizationName} et gérez ses accès.`,
        "Si vous n'avez pas encore de compte, votre invitation suit dans un autre message. La console :",
        n.consoleUrl,
      ],
      [
        `You are now the legal representative of ${n.organizationName} and manage its access.`,
        'If you have no account yet, your invitation follows in another message. The console:',
        n.consoleUrl,
      ],
    );
  }
  return bilingual(
    { fr: `Reprise refusée : ${n.organizationName}`, en: `Recovery rejected: ${n.organizationName}` },
    [`Votre demande de reprise de ${n.organizationName} est refusée.`, `Motif : ${n.reason ?? ''}`],
    [`Your recovery request for ${n.organizationName} is rejected.`, `Reason: ${n.reason ?? ''}`],
  );
}

export interface RecoveryRequestedNotice {
  readonly organizationName: string;
  readonly requesterName: string;
  readonly requesterFunction: string;
  readonly requesterEmail: string;
  /** YYYY-MM-DD, the day the operator decides by. */
  readonly deadline: string;
}

/**
 * R30: the organization's current managers learn that someone asked to take it over, who, and by
 * when the operator decides, so that one still there stops a request that is not legitimate. Names
 * what the requester typed (their names, function, e-mail), never their free message.
 */
export function recoveryRequestedMail(n: RecoveryRequestedNotice): Mail {
  const requester = `${named(n.requesterName, n.requesterEmail)}, ${n.requesterFunction}`;
  return bilingual(
    { fr: `Demande de reprise : ${n.organizationName}`, en: `Recovery requested: ${n.organizationName}` },
    [
      `${requester} demande à reprendre la gestion de ${n.organizationName} : être nommé requérant, à la place des gestionnaires qui ne sont plus joignables.`,
      "Si cette demande n'est pas légitime, ou si vous gérez toujours l'organisation, contactez sans attendre le support en lui donnant le nom de l'organisation.",
      `Nos équipes vérifient les justificatifs et décident d'ici au ${formatDate(n.deadline, 'fr')}.`,
    ],
    [
      `${requester} asks to take over the management of ${n.organizationName}: to be appointed legal representative, in place of the managers who can no longer be reached.`,
      'If this request is not legitimate, or if you still manage the organization, contact the support at once, giving the name of the organization.',
      `Our team checks the supporting documents and decides by ${formatDate(n.deadline, 'en')}.`,
    ],
  );
}

/** R27: the other side learns that the mandate ended, and that the delegates' access ended with it. */
export function mandateEndedMail(n: { readonly fiduciaryName: string; readonly clientName: string; readonly endedBy: string }): Mail {
  return bilingual(
    { fr: `Mandat terminé : ${n.fiduciaryName} pour ${n.clientName}`, en: `Mandate ended: ${n.fiduciaryName} for ${n.clientName}` },
    [
      `${n.endedBy} a mis fin au mandat de ${n.fiduciaryName} pour ${n.clientName}.`,
      'Les gestionnaires mandataires perdent cet accès dès leur prochaine connexion.',
    ],
    [`${n.endedBy} ended the mandate of ${n.fiduciaryName} for ${n.clientName}.`, 'The delegates lose this access from their next sign-in.'],
  );
}
