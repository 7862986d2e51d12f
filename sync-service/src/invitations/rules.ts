/**
 * Rules of invitations (R5, R16, R17, R20), pure: what a link answers, what accepting needs, which
 * addresses deserve a warning. No clock of their own: `now` comes from the caller.
 */
import { conflict, forbiddenBy, invalid, type Decision } from '../commands/refusals.js';
import { AppError, type Message } from '../errors.js';
import { portal } from '../profile/profile.js';

/** R17: a link works this many days, then the manager re-sends. */
export const invitationDays = 14;
/** R16: wrong mail security keys or secret answers before the link stops working (until re-sent). */
export const maxFailedAttempts = 5;

/** `voided`: its organization was closed while it was pending (R11, issue 14 item 9). */
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'voided';

/** One link and its invitation, as the token finds them. */
export interface LinkState {
  readonly status: InvitationStatus;
  /** Null once the pending membership was deleted (revoked, or removed as a member). */
  readonly membershipId: string | null;
  readonly expiresAt: Date;
  /** Set when a newer link replaced this one (R17). */
  readonly voidedAt: Date | null;
  readonly failedAttempts: number;
  /** The inviting organization's status: a closed or suspended one takes nobody in (R11). */
  readonly organizationStatus: 'active' | 'suspended' | 'closed';
}

/** The last moment a link made at `now` works (R17). */
export function linkExpiry(now: Date, days = invitationDays): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

const gone = (code: string, messages: Message) => new AppError(code, 410, messages, { field: 'token' });

/**
 * R17: the answer for a link that no longer works, each with what to do; undefined while it
 * works. An unknown token is a 404, as a link that never existed; the others are 410 (gone).
 */
export function checkLink(link: LinkState | undefined, now: Date): AppError | undefined {
  if (!link) {
    return new AppError('invitation.not_found', 404, {
      fr: "Ce lien d'invitation n'est pas valable. Vérifiez qu'il est complet, ou demandez à votre gestionnaire de vous le renvoyer.",
      en: 'This invitation link is not valid. Check that it is complete, or ask your manager to send it again.',
    }, { field: 'token' });
  }
  if (link.status === 'accepted') return gone('invitation.used', { fr: 'Cette invitation a déjà été acceptée : connectez-vous avec votre e-mail et votre mot de passe.', en: 'This invitation was accepted already: sign in with your e-mail and password.' });
  if (link.status === 'voided' || link.organizationStatus !== 'active') {
    return gone('invitation.organization_closed', {
      fr: "Cette invitation n'est plus valable : l'organisation qui vous a invité·e est fermée ou suspendue. Contactez nos équipes si vous pensez qu'il s'agit d'une erreur.",
      en: 'This invitation is no longer valid: the organization that invited you is closed or suspended. Contact our team if you think this is a mistake.',
    });
  }
  if (link.status === 'revoked' || link.membershipId === null) return gone('invitation.revoked', { fr: 'Cette invitation a été retirée par un gestionnaire de l\'organisation.', en: "This invitation was withdrawn by one of the organization's managers." });
  if (link.voidedAt !== null) return gone('invitation.replaced', { fr: "Un lien plus récent vous a été envoyé ; utilisez le dernier e-mail d'invitation reçu.", en: 'A newer link was sent to you; use the latest invitation e-mail.' });
  if (link.expiresAt.getTime() <= now.getTime()) return gone('invitation.expired', { fr: 'Ce lien a expiré ; demandez à votre gestionnaire de vous renvoyer l\'invitation.', en: 'This link has expired; ask your manager to send the invitation again.' });
  if (link.failedAttempts >= maxFailedAttempts) return gone('invitation.locked', { fr: 'Trop de réponses erronées ; ce lien est bloqué, demandez à votre gestionnaire de vous renvoyer l\'invitation.', en: 'Too many wrong answers; this link is blocked, ask your manager to send the invitation again.' });
  return undefined;
}

/** R17: only a pending invitation is re-sent or revoked. */
export function checkPending(status: InvitationStatus, membershipId: string | null): AppError | undefined {
  if (status === 'pending' && membershipId !== null) return undefined;
  return conflict('invitation.not_pending', 'invitationId', {
    fr: `Cette invitation n'est plus en attente (${status === 'accepted' ? 'acceptée' : status === 'voided' ? 'annulée à la fermeture de l\'organisation' : 'retirée'}).`,
    en: `This invitation is no longer pending (${status === 'accepted' ? 'accepted' : status === 'voided' ? 'voided when the organization closed' : 'withdrawn'}).`,
  });
}

/** What accepting does: set the password of a new account, or join the account the person has (R20). */
export type Acceptance = { readonly kind: 'activate'; readonly password: string } | { readonly kind: 'merge' };

/** Who sends the acceptance: signed in as the invited address's account, as another one, or not signed in. */
export type SignedIn = 'as-account' | 'other' | 'none';

/**
 * R16, R20: a person without an account chooses a password; a person who has one (invited by
 * another organization before) consents to add this organization to it, and keeps their password.
 * Issue 14 item 8: that consent counts only from that account's own sign-in (its password and
 * second factor, the console's session or its token): holding the link is not holding the account.
 */
export function checkAcceptance(input: { readonly password?: string | undefined; readonly consent?: boolean | undefined }, hasAccount: boolean, signedIn: SignedIn = 'none'): Decision<Acceptance> {
  if (hasAccount) {
    if (input.password !== undefined) return invalid('invitation.password_not_expected', 'password', { fr: 'Vous avez déjà un compte ; il garde son mot de passe. Donnez votre accord sans mot de passe.', en: 'You have an account already; it keeps its password. Give your consent without a password.' });
    if (signedIn === 'other') return forbiddenBy('invitation.other_account', 'consent', { fr: "Vous êtes connecté avec un autre compte que celui de l'adresse invitée. Déconnectez-vous, puis connectez-vous avec le compte de cette adresse.", en: 'You are signed in with another account than the invited address\'s. Sign out, then sign in with the account of that address.' });
    if (signedIn === 'none') return forbiddenBy('invitation.sign_in_required', 'consent', { fr: 'Un compte Procura existe déjà pour cette adresse. Connectez-vous avec ce compte (mot de passe et code) pour y ajouter cette organisation.', en: 'A Procura account exists for this address already. Sign in with that account (password and code) to add this organization to it.' });
    if (input.consent === true) return { kind: 'merge' };
    return conflict('invitation.consent_required', 'consent', {
      fr: 'Vous avez déjà un compte Procura avec cette adresse. Acceptez-vous que cette organisation y soit ajoutée ? Répondez avec « consent: true ».',
      en: 'You already have a Procura account with this address. Do you agree to add this organization to it? Answer with "consent: true".',
    });
  }
  if (input.password !== undefined) return { kind: 'activate', password: input.password };
  return invalid('invitation.password_required', 'password', { fr: 'Choisissez un mot de passe pour activer votre compte.', en: 'Choose a password to activate your account.' });
}

/** R16 (Geneva): which secrets activation asks for, and those missing from the answer. */
export function checkSecretsGiven(asks: { readonly secretAnswer: boolean }, given: { readonly secretAnswer?: string | undefined }): AppError | undefined {
  if (asks.secretAnswer && !given.secretAnswer) return invalid('invitation.secret_answer_required', 'secretAnswer', { fr: 'Saisissez la réponse secrète que votre gestionnaire vous a communiquée.', en: 'Enter the secret answer your manager gave you.' });
  return undefined;
}

/** R16 (Geneva): an organization of the link whose mail security key activation asks. */
export interface KeyAsked {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly mailSecurityKeyHash: string;
}

/**
 * R16 (Geneva): the key typed for each organization of the link that asks one (decision 0050): by
 * organization in `mailSecurityKeys`, or, for the first that asks, `mailSecurityKey`; one missing
 * is refused, pointed at its field.
 */
export function keysGiven(asked: readonly KeyAsked[], given: { readonly mailSecurityKey?: string | undefined; readonly mailSecurityKeys?: Readonly<Record<string, string>> | undefined }): Array<{ readonly asked: KeyAsked; readonly key: string; readonly field: string }> | AppError {
  const typed = [];
  for (const [index, organization] of asked.entries()) {
    const byOrganization = given.mailSecurityKeys?.[organization.organizationId];
    const key = byOrganization ?? (index === 0 ? given.mailSecurityKey : undefined);
    const field = index === 0 && byOrganization === undefined ? 'mailSecurityKey' : `/mailSecurityKeys/${organization.organizationId}`;
    if (!key) {
      return asked.length === 1
        ? invalid('invitation.mail_security_key_required', field, { fr: "Saisissez la clé de sécurité courrier de l'organisation.", en: "Enter the organization's mail security key." })
        : invalid('invitation.mail_security_key_required', field, { fr: `Saisissez la clé de sécurité courrier de ${organization.organizationName}.`, en: `Enter the mail security key of ${organization.organizationName}.` });
    }
    typed.push({ asked: organization, key, field });
  }
  return typed;
}

/** The names a person gives at activation, trimmed. */
export interface GivenNames {
  readonly givenName: string;
  readonly familyName: string;
}

/** Name fields are bounded as everywhere else (the API's schema says so too). */
export const nameMaxLength = 100;

/**
 * Issue 16 item 3: activation asks for the names when the invitation left either out and the person
 * has no account yet; an account that exists (R20) keeps the names that are the person's (R4).
 */
export function asksNames(invited: GivenNames, hasAccount: boolean): boolean {
  return !hasAccount && (invited.givenName.trim() === '' || invited.familyName.trim() === '');
}

/**
 * Issue 16 item 3: the names, trimmed, when activation asks them: each required, at most
 * {@link nameMaxLength} characters. When it does not ask, sending them is refused rather than
 * ignored: names typed and silently dropped would surprise the person (R4: they change them in
 * their profile). `undefined`: nothing to store.
 */
export function checkNamesGiven(asked: boolean, given: { readonly givenName?: string | undefined; readonly familyName?: string | undefined }): Decision<GivenNames | undefined> {
  if (!asked) {
    const field = given.givenName !== undefined ? 'givenName' : given.familyName !== undefined ? 'familyName' : undefined;
    if (field === undefined) return undefined;
    return invalid('invitation.names_not_expected', field, {
      fr: 'Vos nom et prénom sont déjà connus ; vous pourrez les modifier dans votre profil après la connexion.',
      en: 'Your names are known already; you can change them in your profile once signed in.',
    });
  }
  const givenName = nameOf(given.givenName, 'givenName', { fr: 'Saisissez votre prénom.', en: 'Enter your given name.' });
  if (givenName instanceof AppError) return givenName;
  const familyName = nameOf(given.familyName, 'familyName', { fr: 'Saisissez votre nom de famille.', en: 'Enter your family name.' });
  if (familyName instanceof AppError) return familyName;
  return { givenName, familyName };
}

function nameOf(raw: string | undefined, field: 'givenName' | 'familyName', missing: Message): Decision<string> {
  const name = (raw ?? '').trim();
  const code = field === 'givenName' ? 'invitation.given_name' : 'invitation.family_name';
  if (name === '') return invalid(`${code}_required`, field, missing);
  if (name.length > nameMaxLength) return invalid(`${code}_too_long`, field, { fr: `${nameMaxLength} caractères au plus.`, en: `At most ${nameMaxLength} characters.` });
  return name;
}

/** R16: a wrong key or answer (counted: `maxFailedAttempts` of them block the link). */
export function wrongSecret(field: string, attemptsLeft: number): AppError {
  const key = field !== 'secretAnswer';
  const what = key ? { fr: 'La clé de sécurité courrier', en: 'The mail security key' } : { fr: 'La réponse secrète', en: 'The secret answer' };
  return invalid(`invitation.${key ? 'mail_security_key' : 'secret_answer'}_wrong`, field, {
    fr: `${what.fr} ne correspond pas. Essais restants : ${attemptsLeft}.`,
    en: `${what.en} does not match. Attempts left: ${attemptsLeft}.`,
  });
}

/** Answers and keys compared without case, accents' composition or extra spaces (they are typed from paper). */
export function normalizeSecret(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A warning: the request went through, but a person should look at it. */
export interface Warning {
  readonly code: string;
  readonly field: string;
  readonly messages: Message;
}

const roleAddresses = new Set([
  'accounting', 'accueil', 'admin', 'administration', 'bonjour', 'bureau', 'compta', 'comptabilite', 'contact', 'direction', 'equipe', 'facturation',
  'finance', 'hello', 'help', 'hr', 'info', 'infos', 'mail', 'no-reply', 'noreply', 'office', 'personnel', 'postmaster', 'reception', 'rh',
  'sales', 'secretariat', 'service', 'support', 'team', 'vente', 'webmaster',
]);

/** R5: a role address (contact@, info@…) is accepted, with a warning: one person, one address. */
export function nominativeWarning(email: string): Warning | undefined {
  const local = email.split('@')[0]?.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '') ?? '';
  if (!roleAddresses.has(local.replace(/[._-]?\d+$/, ''))) return undefined;
  return {
    code: 'email.not_nominative',
    field: '/email',
    messages: {
      fr: `« ${email} » semble une adresse de service, partagée par plusieurs personnes. Préférez une adresse nominative : le compte et ses droits sont personnels.`,
      en: `"${email}" looks like a shared role address. Prefer a personal address: the account and its rights belong to one person.`,
    },
  };
}

/** What a member's invitation to one organization gives: only managers give roles and rights (R13). */
export interface MemberInvitation {
  readonly role: string;
  readonly rights?: readonly unknown[] | undefined;
  readonly mandates?: readonly unknown[] | undefined;
}

/**
 * R13's exception (emplois-inclusion, `invitations.by: members`): a member of the organization,
 * let in by the policy, invites a colleague as a plain member with no rights nor mandates; a role
 * or a right is the managers' to give. Undefined for a manager, or a member who asks for nothing more.
 */
export function checkMemberInvitation(standing: string | null, invitation: MemberInvitation): AppError | undefined {
  if (standing !== 'member') return undefined;
  const field = invitation.role !== 'member' ? 'role' : (invitation.rights?.length ?? 0) > 0 ? 'rights' : (invitation.mandates?.length ?? 0) > 0 ? 'mandates' : undefined;
  if (field === undefined) return undefined;
  const label = portal().roles.labels.member;
  return forbiddenBy('invitation.members_invite_members', field, {
    fr: `Vous pouvez inviter un collègue comme « ${label.fr} », sans droits : un gestionnaire de l'organisation lui donnera ensuite un autre rôle ou des droits.`,
    en: `You may invite a colleague as "${label.en}", with no rights: a manager of the organization then gives them another role or rights.`,
  });
}
