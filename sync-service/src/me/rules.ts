/**
 * Rules of a person's own profile and login e-mail (R1, R4, R5), pure: no clock of their own
 * (`today`, `now` come from the caller), no I/O.
 */
import { checkDate, requiredText } from '../commands/checks.js';
import { firstRefusal, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { portal } from '../profile/profile.js';
import { refuse } from '../error-codes/refuse.js';

export type Civility = 'mr' | 'ms';

/** What a person edits of themselves (R4); the login e-mail changes through `email-change` only. */
export interface Profile {
  readonly civility: Civility | null;
  readonly givenName: string;
  readonly familyName: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string | null;
  /** For contact; not the verified mobile that login codes go to (Keycloak's, R2). */
  readonly phone: string | null;
}

/**
 * R4: the edited profile, each field checked; absent fields keep their value (a name never given,
 * of a person invited by e-mail only, does not refuse a change of another field).
 */
export function checkProfile(current: Profile, change: Partial<Profile>, today: string): Decision<Profile> {
  const next = { ...current, ...change };
  const givenName = change.givenName === undefined ? current.givenName : requiredText(next.givenName, 'givenName', 'person.given_name');
  if (givenName instanceof AppError) return givenName;
  const familyName = change.familyName === undefined ? current.familyName : requiredText(next.familyName, 'familyName', 'person.family_name');
  if (familyName instanceof AppError) return familyName;
  const refusal = firstRefusal(next.birthDate === null ? undefined : (checkDate(next.birthDate, 'birthDate') ?? checkBirthDate(next.birthDate, today)));
  if (refusal) return refusal;
  const phone = next.phone === null ? null : checkPhone(next.phone);
  if (phone instanceof AppError) return phone;
  return { civility: next.civility, givenName, familyName, birthDate: next.birthDate, phone };
}

function checkBirthDate(birthDate: string, today: string): AppError | undefined {
  if (birthDate < today && birthDate >= '1900-01-01') return undefined;
  return refuse('person.birth_date');
}

/** A phone number as people write it (`+41 21 555 01 02`), kept with `+` and digits only; empty clears it. */
export function checkPhone(raw: string): Decision<string | null> {
  const compact = raw.replace(/[\s.()/-]/g, '');
  if (compact === '') return null;
  if (/^\+?[0-9]{8,15}$/.test(compact)) return compact;
  return refuse('person.phone');
}

/** R4: a link to confirm a new e-mail works this long. */
export const emailChangeHours = 24;

export function emailChangeExpiry(now: Date): Date {
  return new Date(now.getTime() + emailChangeHours * 3_600_000);
}

/**
 * R1, R4: a new login e-mail (already normalized: trimmed, lower case) is another address than the
 * person's, and no other account has it. `takenBy`: the person holding it, if any.
 */
export function checkNewEmail(current: string, next: string, takenBy: string | undefined, personId: string): AppError | undefined {
  if (next === current.trim().toLowerCase()) return refuse('email.unchanged', { whose: 'own' });
  if (takenBy !== undefined && takenBy !== personId) return emailTaken();
  return undefined;
}

export const emailTaken = (): AppError => refuse('email.taken');

/** One e-mail-change link, as its token finds it. */
export interface EmailChangeLink {
  readonly expiresAt: Date;
  readonly confirmedAt: Date | null;
  readonly voidedAt: Date | null;
  /** Issue 14 item 7: cancelled from the old address (voided too). */
  readonly cancelledAt?: Date | null;
}

/** R4: the answer for a link that no longer works, each with what to do; undefined while it works. */
export function checkEmailChangeLink(link: EmailChangeLink | undefined, now: Date): AppError | undefined {
  if (!link) {
    return refuse('email_change.not_found');
  }
  if (link.confirmedAt !== null) return refuse('email_change.used');
  if (link.cancelledAt) return refuse('email_change.cancelled');
  if (link.voidedAt !== null) return refuse('email_change.replaced');
  if (link.expiresAt.getTime() <= now.getTime()) return refuse('email_change.expired');
  return undefined;
}

/**
 * R4, issue 17 (fafiec: the login stays the e-mail of the account's creation, `account.loginEmail:
 * fixed`): neither the person nor a manager changes it; the support desk still changes a lost one
 * (R35, `bySupport`). Undefined where the login e-mail changes.
 */
export function checkLoginEmailChangeable(bySupport: boolean): AppError | undefined {
  if (bySupport || portal().account.loginEmail === 'changeable') return undefined;
  const { email, phone } = portal().support;
  return refuse('account.login_email_fixed', { email, phone });
}
