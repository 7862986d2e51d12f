import { many, maybeOne, one, type Queryable } from '../db/query.js';
import type { EmailChangeLink, Profile } from './rules.js';

/** A person's profile and e-mail changes, for the commands and queries of `me/`. */

export interface PersonRow extends Profile {
  readonly id: string;
  readonly email: string;
}

const columns = `id, email, civility, given_name AS "givenName", family_name AS "familyName", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", phone`;

export function readPerson(db: Queryable, personId: string, { lock }: { lock: boolean }): Promise<PersonRow> {
  return one<PersonRow>(db, `SELECT ${columns} FROM person WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [personId]);
}

export async function writeProfile(db: Queryable, personId: string, profile: Profile): Promise<void> {
  await db.query('UPDATE person SET civility = $2, given_name = $3, family_name = $4, birth_date = $5, phone = $6 WHERE id = $1', [
    personId,
    profile.civility,
    profile.givenName,
    profile.familyName,
    profile.birthDate,
    profile.phone,
  ]);
}

/** The organizations whose Keycloak projection shows the person (names, e-mail). */
export async function organizationsOf(db: Queryable, personId: string): Promise<string[]> {
  return (await many<{ id: string }>(db, 'SELECT organization_id AS id FROM membership WHERE person_id = $1', [personId])).map((row) => row.id);
}

/** R1: who holds this e-mail (normalized), if anyone. */
export async function personWithEmail(db: Queryable, email: string): Promise<string | undefined> {
  return (await maybeOne<{ id: string }>(db, 'SELECT id FROM person WHERE email_normalized = lower(btrim($1))', [email]))?.id;
}

/** A new e-mail change, the person's open one (if any) voided: only the latest link works (R4). */
export async function insertEmailChange(
  db: Queryable,
  change: {
    personId: string;
    oldEmail: string;
    newEmail: string;
    tokenSha256: string;
    cancelTokenSha256: string;
    expiresAt: Date;
    requestedFor?: string | undefined;
  },
): Promise<string> {
  await db.query('UPDATE email_change SET voided_at = now() WHERE person_id = $1 AND confirmed_at IS NULL AND voided_at IS NULL', [change.personId]);
  const row = await one<{ id: string }>(
    db,
    'INSERT INTO email_change (person_id, old_email, new_email, token_sha256, cancel_token_sha256, expires_at, requested_for) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [change.personId, change.oldEmail, change.newEmail, change.tokenSha256, change.cancelTokenSha256, change.expiresAt, change.requestedFor ?? null],
  );
  return row.id;
}

export interface EmailChangeRow extends EmailChangeLink {
  readonly id: string;
  readonly personId: string;
  readonly oldEmail: string;
  readonly newEmail: string;
  /** Issue 16 item 3: the organization whose manager asked it for the person; null: the person, or the support desk. */
  readonly requestedFor: string | null;
}

/** The change a link's token names: the confirmation link's (`token`), or the cancel link's (`cancel`). */
export function findEmailChange(
  db: Queryable,
  tokenSha256: string,
  { lock, link = 'token' }: { lock: boolean; link?: 'token' | 'cancel' },
): Promise<EmailChangeRow | undefined> {
  return maybeOne<EmailChangeRow>(
    db,
    `SELECT id, person_id AS "personId", old_email AS "oldEmail", new_email AS "newEmail", expires_at AS "expiresAt", confirmed_at AS "confirmedAt", voided_at AS "voidedAt", cancelled_at AS "cancelledAt",
            requested_for AS "requestedFor"
       FROM email_change WHERE ${link === 'cancel' ? 'cancel_token_sha256' : 'token_sha256'} = $1${lock ? ' FOR UPDATE' : ''}`,
    [tokenSha256],
  );
}

/** Issue 14 item 7: the old address cancelled the change; its confirmation link stops working. */
export async function cancelEmailChangeRow(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE email_change SET voided_at = now(), cancelled_at = now() WHERE id = $1', [id]);
}

export async function confirmEmail(db: Queryable, change: EmailChangeRow): Promise<void> {
  await db.query('UPDATE email_change SET confirmed_at = now() WHERE id = $1', [change.id]);
  await db.query('UPDATE person SET email = $2 WHERE id = $1', [change.personId, change.newEmail]);
}

/** The open request, for the profile's answer: the address waiting for confirmation. */
export async function pendingEmail(db: Queryable, personId: string, now: Date): Promise<{ email: string; expiresAt: Date } | undefined> {
  return maybeOne(
    db,
    `SELECT new_email AS email, expires_at AS "expiresAt" FROM email_change WHERE person_id = $1 AND confirmed_at IS NULL AND voided_at IS NULL AND expires_at > $2`,
    [personId, now],
  );
}
