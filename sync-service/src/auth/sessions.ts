import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from '../db/query.js';

/** A console session as the API sees it: who is logged in. */
export interface ConsoleSession {
  readonly personId: string;
  readonly idToken: string;
}

const attemptLifetimeMinutes = 10;

export const randomToken = (): string => randomBytes(32).toString('base64url');
const hash = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Persistence of login attempts and sessions (SQL here only). */
export function sessionStore(pool: pg.Pool) {
  return {
    async saveAttempt(attempt: { state: string; codeVerifier: string; nonce: string; returnTo: string }): Promise<void> {
      await pool.query(`DELETE FROM login_attempt WHERE created_at < now() - make_interval(mins => $1)`, [attemptLifetimeMinutes]);
      await pool.query('INSERT INTO login_attempt (state, code_verifier, nonce, return_to) VALUES ($1, $2, $3, $4)', [
        attempt.state, attempt.codeVerifier, attempt.nonce, attempt.returnTo,
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
    async open(personId: string, idToken: string, lifetimeSeconds: number): Promise<string> {
      const cookie = randomToken();
      await pool.query(`INSERT INTO console_session (id_hash, person_id, id_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
        hash(cookie), personId, idToken, lifetimeSeconds,
      ]);
      return cookie;
    },
    async find(cookie: string): Promise<ConsoleSession | undefined> {
      const { rows } = await pool.query<{ person_id: string; id_token: string }>(
        'SELECT person_id, id_token FROM console_session WHERE id_hash = $1 AND expires_at > now()',
        [hash(cookie)],
      );
      const row = rows[0];
      return row && { personId: row.person_id, idToken: row.id_token };
    },
    async close(cookie: string): Promise<ConsoleSession | undefined> {
      const { rows } = await pool.query<{ person_id: string; id_token: string }>('DELETE FROM console_session WHERE id_hash = $1 RETURNING person_id, id_token', [hash(cookie)]);
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
