import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { maybeOne, type Queryable } from '../db/query.js';

/** A console session as the API sees it: who is logged in. */
export interface ConsoleSession {
  readonly personId: string;
  readonly idToken: string;
}

/** Issue 14 item 4: what the session check needs to know of a session and its account. */
export interface SessionRecord extends ConsoleSession {
  readonly keycloakUserId: string | null;
  /** Keycloak's session id (the ID token's `sid`), when it sent one. */
  readonly keycloakSid: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly checkedAt: Date;
  /** The person belonged to an organization when the session opened… */
  readonly hadMembership: boolean;
  /** …and still does (an active membership, not expired, of an organization not closed). */
  readonly hasMembership: boolean;
}

const currentMembership = `EXISTS (SELECT 1 FROM membership m JOIN organization o ON o.id = m.organization_id
  WHERE m.person_id = $1 AND m.status = 'active' AND (m.expires_on IS NULL OR m.expires_on >= current_date) AND o.status <> 'closed')`;

const attemptLifetimeMinutes = 10;

export const randomToken = (): string => randomBytes(32).toString('base64url');
const hash = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Persistence of login attempts and sessions (SQL here only). */
export function sessionStore(pool: pg.Pool) {
  return {
    async saveAttempt(attempt: { state: string; codeVerifier: string; nonce: string; returnTo: string }): Promise<void> {
      await pool.query(`DELETE FROM login_attempt WHERE created_at < now() - make_interval(mins => $1)`, [attemptLifetimeMinutes]);
      await pool.query('INSERT INTO login_attempt (state, code_verifier, nonce, return_to) VALUES ($1, $2, $3, $4)', [
        attempt.state,
        attempt.codeVerifier,
        attempt.nonce,
        attempt.returnTo,
      ]);
    },
    /** Takes the attempt out (single use); undefined when unknown or too old. */
    async takeAttempt(state: string): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | undefined> {
      const { rows } = await pool.query<{ code_verifier: string; nonce: string; return_to: string }>(
        `DELETE FROM login_attempt WHERE state = $1 AND created_at >= now() - make_interval(mins => $2) RETURNING code_verifier, nonce, return_to`,
        [state, attemptLifetimeMinutes],
      );
      const row = rows[0];
      return row && { codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
    },
    /** Opens a session; returns the cookie value (only its hash is stored). */
    async open(personId: string, idToken: string, lifetimeSeconds: number, keycloakSid?: string): Promise<string> {
      const cookie = randomToken();
      await pool.query(
        `INSERT INTO console_session (id_hash, person_id, id_token, expires_at, keycloak_sid, had_membership)
         VALUES ($2, $1, $3, now() + make_interval(secs => $4), $5, ${currentMembership})`,
        [personId, hash(cookie), idToken, lifetimeSeconds, keycloakSid ?? null],
      );
      return cookie;
    },
    /** The session of a cookie, unless it expired or sat idle longer than `idleSeconds`. */
    async find(cookie: string, idleSeconds: number): Promise<SessionRecord | undefined> {
      const row = await maybeOne<SessionRecord>(
        pool,
        `SELECT s.person_id AS "personId", s.id_token AS "idToken", p.keycloak_user_id AS "keycloakUserId", s.keycloak_sid AS "keycloakSid",
                s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.checked_at AS "checkedAt", s.had_membership AS "hadMembership",
                ${currentMembership.replace('$1', 's.person_id')} AS "hasMembership"
           FROM console_session s JOIN person p ON p.id = s.person_id
          WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
        [hash(cookie), idleSeconds],
      );
      return row;
    },
    /** Records a request of the session (at most one write per 15 s of it). */
    async touch(cookie: string): Promise<void> {
      await pool.query(`UPDATE console_session SET last_seen_at = now() WHERE id_hash = $1 AND last_seen_at < now() - interval '15 seconds'`, [hash(cookie)]);
    },
    /** Records that the account was found in good standing in Keycloak. */
    async markChecked(cookie: string): Promise<void> {
      await pool.query('UPDATE console_session SET checked_at = now() WHERE id_hash = $1', [hash(cookie)]);
    },
    /** Ends one session (the account check failed); the cookie no longer opens anything. */
    async end(cookie: string): Promise<void> {
      await pool.query('DELETE FROM console_session WHERE id_hash = $1', [hash(cookie)]);
    },
    /**
     * OpenID Connect back-channel logout: ends the sessions of Keycloak session `sid`, or, when the
     * logout token names only the user, every session of that user. Returns how many ended.
     */
    async endOfKeycloak({ sid, sub }: { sid?: string; sub?: string }): Promise<number> {
      const { rowCount } = sid
        ? await pool.query('DELETE FROM console_session WHERE keycloak_sid = $1', [sid])
        : await pool.query('DELETE FROM console_session WHERE person_id IN (SELECT id FROM person WHERE keycloak_user_id = $1)', [sub]);
      return rowCount ?? 0;
    },
    async close(cookie: string): Promise<ConsoleSession | undefined> {
      const { rows } = await pool.query<{ person_id: string; id_token: string }>(
        'DELETE FROM console_session WHERE id_hash = $1 RETURNING person_id, id_token',
        [hash(cookie)],
      );
      const row = rows[0];
      return row && { personId: row.person_id, idToken: row.id_token };
    },
  };
}

/** Ends every console session of the person (issue 14 items 4 and 7); returns how many ended. */
export async function endSessionsOf(db: Queryable, personId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM console_session WHERE person_id = $1', [personId]);
  return rowCount ?? 0;
}

export type SessionStore = ReturnType<typeof sessionStore>;
