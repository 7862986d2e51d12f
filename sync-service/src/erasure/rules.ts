/**
 * Issue 16 item 5 (GDPR art. 17, R18, decision 0047), pure: how long a departed person's data is
 * kept, the pseudonym that stands for them afterwards, and how an audit entry's text and
 * before/after lose what was theirs.
 */
import { createHmac } from 'node:crypto';

const defaultRetentionDays = 90;

/** Days a departed person's data is kept (`PROCURA_RETENTION_DAYS`, 1 to 3650, 90 by default). */
export function retentionDays(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.PROCURA_RETENTION_DAYS;
  const value = raw === undefined || raw === '' ? defaultRetentionDays : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 3650) throw new Error(`PROCURA_RETENTION_DAYS must be a whole number of days, 1 to 3650 (got ${raw})`);
  return value;
}

/**
 * The person's pseudonym: stable (the same person always gets the same one, so that the audit trail
 * still tells their actions apart from others'), and a keyed hash of their id, so that nobody without
 * the database's key can tell whose it was from an id kept elsewhere.
 */
export function pseudonym(key: string, personId: string): string {
  return `Personne effacée ${createHmac('sha256', key).update(personId).digest('hex').slice(0, 6)}`;
}

/** What identifies the person in a text: their e-mail addresses (`addressesToErase`) and full name. */
export interface Identity {
  readonly emails: readonly string[];
  readonly names: readonly string[];
}

/** A change of login e-mail the person asked, as `email_change` keeps it. */
export interface EmailChange {
  readonly oldEmail: string;
  readonly newEmail: string;
  readonly confirmed: boolean;
}

const normalized = (email: string): string => email.trim().toLowerCase();

/**
 * The addresses that are the person's to erase (lower case): the ones they actually held — their
 * current one and both ends of their CONFIRMED changes — minus any another person holds today. An
 * address asked for and never confirmed was never theirs, and an address they left may have been
 * taken (or invited) since: erasing by it would rewrite the other person's invitations, notices and
 * audit entries (security review of issue 16 item 5).
 */
export function addressesToErase(current: string, changes: readonly EmailChange[], heldByOthers: readonly string[]): string[] {
  const others = new Set(heldByOthers.map(normalized));
  const held = [current, ...changes.filter((change) => change.confirmed).flatMap((change) => [change.oldEmail, change.newEmail])];
  return [...new Set(held.map(normalized))].filter((email) => !others.has(email));
}

/**
 * Keys whose value is a person's detail: in an object that is this person's, they are erased. The
 * keys the audit entries about a person carry (`person.profile_updated`, `person.details_updated`,
 * `person.email_change_*`): names, civility, birth date, phones (the contact one and `codePhone`,
 * where login codes go), the secret question.
 */
const personalKeys = new Set(['givenName', 'familyName', 'name', 'memberName', 'phone', 'mobile', 'codePhone', 'birthDate', 'civility', 'secretQuestion']);
/**
 * Keys whose value is an e-mail address: in an object that is this person's, the address was theirs
 * or asked for by them (a pending one, perhaps someone else's today): the pseudonym stands for it.
 */
const emailKeys = new Set(['email', 'pendingEmail', 'newEmail', 'oldEmail']);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every e-mail and full name of the person (any case) replaced by the pseudonym. */
export function scrubText(text: string, identity: Identity, alias: string): string {
  const needles = [...identity.emails, ...identity.names].map((n) => n.trim()).filter((n) => n.length >= 3);
  if (needles.length === 0) return text;
  return text.replace(
    new RegExp(
      needles
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|'),
      'gi',
    ),
    alias,
  );
}

/**
 * A before/after value without the person's data: every string loses their e-mails and names; an
 * object that is theirs (its `email` is one of theirs, or `owned`: the entry's subject is the
 * person) also loses its personal keys (names become the pseudonym, the rest null) and its e-mail
 * keys (the pseudonym). `identity.emails` are lower case.
 */
export function scrubValue(value: unknown, identity: Identity, alias: string, owned = false): unknown {
  if (typeof value === 'string') return scrubText(value, identity, alias);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, identity, alias));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const email = (value as Record<string, unknown>).email;
  const theirs = owned || (typeof email === 'string' && identity.emails.includes(email.trim().toLowerCase()));
  return Object.fromEntries(
    entries.map(([key, v]) => {
      if (theirs && personalKeys.has(key)) return [key, key === 'name' || key === 'memberName' || key === 'givenName' ? alias : null];
      if (theirs && emailKeys.has(key) && typeof v === 'string') return [key, alias];
      return [key, scrubValue(v, identity, alias)];
    }),
  );
}
