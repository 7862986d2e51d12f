/**
 * Rules of invitations (R5, R16, R17, R20), pure: what a link answers, what accepting needs, which
 * addresses deserve a warning. No clock of their own: `now` comes from the caller.
 */
import type { Decision } from '../commands/refusals.js';
import { AppError, type Message } from '../errors.js';
import { portal } from '../profile/profile.js';
import { refuse } from '../error-codes/refuse.js';

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

/**
 * R17: the answer for a link that no longer works, each with what to do; undefined while it
 * works. An unknown token is a 404, as a link that never existed; the others are 410 (gone).
 */
export function checkLink(link: LinkState | undefined, now: Date): AppError | undefined {
  if (!link) {
    return refuse('invitation.not_found', { by: 'link' }, { field: 'token' });
  }
  if (link.status === 'accepted') return refuse('invitation.used');
  if (link.status === 'voided' || link.organizationStatus !== 'active') {
    return refuse('invitation.organization_closed');
  }
  if (link.status === 'revoked' || link.membershipId === null) return refuse('invitation.revoked');
  if (link.voidedAt !== null) return refuse('invitation.replaced');
  if (link.expiresAt.getTime() <= now.getTime()) return refuse('invitation.expired');
  if (link.failedAttempts >= maxFailedAttempts) return refuse('invitation.locked');
  return undefined;
}

/** R17: only a pending invitation is re-sent or revoked. */
export function checkPending(status: InvitationStatus, membershipId: string | null): AppError | undefined {
  if (status === 'pending' && membershipId !== null) return undefined;
  return refuse('invitation.not_pending', { status });
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
export function checkAcceptance(
  input: { readonly password?: string | undefined; readonly consent?: boolean | undefined },
  hasAccount: boolean,
  signedIn: SignedIn = 'none',
): Decision<Acceptance> {
  if (hasAccount) {
    if (input.password !== undefined) return refuse('invitation.password_not_expected');
    if (signedIn === 'other') return refuse('invitation.other_account');
    if (signedIn === 'none') return refuse('invitation.sign_in_required');
    if (input.consent === true) return { kind: 'merge' };
    return refuse('invitation.consent_required');
  }
  if (input.password !== undefined) return { kind: 'activate', password: input.password };
  return refuse('invitation.password_required');
}

/** R16 (Geneva): which secrets activation asks for, and those missing from the answer. */
export function checkSecretsGiven(asks: { readonly secretAnswer: boolean }, given: { readonly secretAnswer?: string | undefined }): AppError | undefined {
  if (asks.secretAnswer && !given.secretAnswer) return refuse('invitation.secret_answer_required', { by: 'invited' });
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
export function keysGiven(
  asked: readonly KeyAsked[],
  given: { readonly mailSecurityKey?: string | undefined; readonly mailSecurityKeys?: Readonly<Record<string, string>> | undefined },
): Array<{ readonly asked: KeyAsked; readonly key: string; readonly field: string }> | AppError {
  const typed = [];
  for (const [index, organization] of asked.entries()) {
    const byOrganization = given.mailSecurityKeys?.[organization.organizationId];
    const key = byOrganization ?? (index === 0 ? given.mailSecurityKey : undefined);
    const field = index === 0 && byOrganization === undefined ? 'mailSecurityKey' : `/mailSecurityKeys/${organization.organizationId}`;
    if (!key) {
      return asked.length === 1
        ? refuse('invitation.mail_security_key_required', { organizationName: undefined }, { field })
        : refuse('invitation.mail_security_key_required', { organizationName: organization.organizationName }, { field });
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
export function checkNamesGiven(
  asked: boolean,
  given: { readonly givenName?: string | undefined; readonly familyName?: string | undefined },
): Decision<GivenNames | undefined> {
  if (!asked) {
    const field = given.givenName !== undefined ? 'givenName' : given.familyName !== undefined ? 'familyName' : undefined;
    if (field === undefined) return undefined;
    return refuse('invitation.names_not_expected', { field });
  }
  const givenName = nameOf(given.givenName, 'givenName');
  if (givenName instanceof AppError) return givenName;
  const familyName = nameOf(given.familyName, 'familyName');
  if (familyName instanceof AppError) return familyName;
  return { givenName, familyName };
}

function nameOf(raw: string | undefined, field: 'givenName' | 'familyName'): Decision<string> {
  const name = (raw ?? '').trim();
  const code = field === 'givenName' ? 'invitation.given_name' : 'invitation.family_name';
  if (name === '') return refuse(`${code}_required`, { field });
  if (name.length > nameMaxLength) return refuse(`${code}_too_long`, { max: nameMaxLength }, { field });
  return name;
}

/** R16: a wrong key or answer (counted: `maxFailedAttempts` of them block the link). */
export function wrongSecret(field: string, attemptsLeft: number): AppError {
  const key = field !== 'secretAnswer';
  return key
    ? refuse('invitation.mail_security_key_wrong', { attemptsLeft }, { field })
    : refuse('invitation.secret_answer_wrong', { attemptsLeft }, { field });
}

/** A warning: the request went through, but a person should look at it. */
export interface Warning {
  readonly code: string;
  readonly field: string;
  readonly messages: Message;
}

const roleAddresses = new Set([
  'accounting',
  'accueil',
  'admin',
  'administration',
  'bonjour',
  'bureau',
  'compta',
  'comptabilite',
  'contact',
  'direction',
  'equipe',
  'facturation',
  'finance',
  'hello',
  'help',
  'hr',
  'info',
  'infos',
  'mail',
  'no-reply',
  'noreply',
  'office',
  'personnel',
  'postmaster',
  'reception',
  'rh',
  'sales',
  'secretariat',
  'service',
  'support',
  'team',
  'vente',
  'webmaster',
]);

/** R5: a role address (contact@, info@…) is accepted, with a warning: one person, one address. */
export function nominativeWarning(email: string): Warning | undefined {
  const local =
    email
      .split('@')[0]
      ?.toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '') ?? '';
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
  const field =
    invitation.role !== 'member' ? 'role' : (invitation.rights?.length ?? 0) > 0 ? 'rights' : (invitation.mandates?.length ?? 0) > 0 ? 'mandates' : undefined;
  if (field === undefined) return undefined;
  const label = portal().roles.labels.member;
  return refuse('invitation.members_invite_members', { member: label }, { field });
}

export interface Accepted {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly membershipId: string;
  readonly email: string;
  readonly personName: string;
  /** R20: joined an account the person had. */
  readonly merged: boolean;
  readonly invitedByPersonId: string | null;
  /** Issue 16 item 9: every organization the person joined by this link, the first one first. */
  readonly organizations: ReadonlyArray<{ readonly organizationId: string; readonly organizationName: string; readonly membershipId: string }>;
  /** Decision 0050: what the link named but no longer takes the person in: organizations closed or suspended, mandates ended meanwhile. */
  readonly skipped: { readonly organizations: readonly string[]; readonly mandates: readonly string[] };
  /** Issue 16 item 7: the mandates the person now handles as a delegate. */
  readonly mandates: readonly string[];
}

/** What the e-mail needs: the link's token (never stored) and its expiry. */
export interface IssuedLink {
  readonly invitationId: string;
  readonly membershipId: string;
  readonly email: string;
  readonly token: string;
  readonly expiresAt: Date;
}
