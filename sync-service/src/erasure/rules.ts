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

/** What identifies the person in a text: their e-mail addresses (current and former) and full name. */
export interface Identity {
  readonly emails: readonly string[];
  readonly names: readonly string[];
}

/** Keys whose value is a person's detail: in an object that is this person's, they are erased. */
const personalKeys = new Set(['givenName', 'familyName', 'name', 'memberName', 'phone', 'mobile', 'birthDate', 'civility', 'secretQuestion']);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every e-mail and full name of the person (any case) replaced by the pseudonym. */
export function scrubText(text: string, identity: Identity, alias: string): string {
  const needles = [...identity.emails, ...identity.names].map((n) => n.trim()).filter((n) => n.length >= 3);
  if (needles.length === 0) return text;
  return text.replace(new RegExp(needles.sort((a, b) => b.length - a.length).map(escape).join('|'), 'gi'), alias);
}

/**
 * A before/after value without the person's data: every string loses their e-mails and names; an
 * object that is theirs (its `email` is one of theirs, or `owned`: the entry's subject is the
 * person) also loses its personal keys (names become the pseudonym, the rest null). `identity.emails`
 * are lower case.
 */
export function scrubValue(value: unknown, identity: Identity, alias: string, owned = false): unknown {
  if (typeof value === 'string') return scrubText(value, identity, alias);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, identity, alias));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const email = (value as Record<string, unknown>).email;
  const theirs = owned || (typeof email === 'string' && identity.emails.includes(email.trim().toLowerCase()));
  return Object.fromEntries(entries.map(([key, v]) => {
    if (theirs && personalKeys.has(key)) return [key, key === 'name' || key === 'memberName' || key === 'givenName' ? alias : null];
    return [key, scrubValue(v, identity, alias)];
  }));
}
