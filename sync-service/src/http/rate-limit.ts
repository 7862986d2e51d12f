/**
 * A per-client limit on the API's public routes (sign-up R10, recovery R30, the invitation's
 * preview and acceptance R16, the e-mail change's confirmation R4): nobody is signed in there, so
 * nothing else stops a script from filing requests or trying tokens. Counted per route and client
 * address in fixed windows that start at the address's first request. Issue 18 item 1 (decision
 * 0056): counted in PostgreSQL (`rate_limit_window`, one atomic upsert per request), so that
 * several instances behind one balancer together still allow only the limit; the memory store is
 * the same arithmetic for one process (the unit tests' clock).
 */
import type pg from 'pg';
import { AppError } from '../errors.js';
import { entryOf } from '../error-codes/catalogue.js';

export interface RateLimit {
  /** Requests allowed per route and address in one window (0: no limit). */
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Refused: too many requests from this address on this route; `retryAfter` in seconds. */
export class TooManyRequests extends AppError {
  readonly retryAfter: number;

  constructor(retryAfter: number) {
    super('request.rate_limited', 429, entryOf('request.rate_limited', { retryAfter }).messages);
    this.retryAfter = retryAfter;
  }
}

export interface RateLimiter {
  /** Counts one request of `client` on `route`; rejects with `TooManyRequests` past the limit. */
  hit(route: string, client: string): Promise<void>;
}

/** Where the windows are counted: one call counts a request unless its window is full. */
export interface RateWindows {
  /** Counts one request in the window of `route` and `client`: allowed while fewer than `limit` came before it in that window. */
  take(route: string, client: string, limit: number, windowMs: number): Promise<{ readonly allowed: boolean; readonly endsInMs: number }>;
}

export function createRateLimiter(settings: RateLimit, windows: RateWindows): RateLimiter {
  const windowMs = settings.windowSeconds * 1000;
  return {
    async hit(route, client) {
      if (settings.limit === 0) return;
      const { allowed, endsInMs } = await windows.take(route, client, settings.limit, windowMs);
      if (!allowed) throw new TooManyRequests(Math.max(1, Math.ceil(endsInMs / 1000)));
    },
  };
}

/** The windows in this process's memory (one instance only; the unit tests' clock). */
export function memoryWindows(now: () => number = Date.now): RateWindows {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let nextSweep = 0;
  return {
    async take(route, client, limit, windowMs) {
      const at = now();
      if (at >= nextSweep) {
        // Ended windows are forgotten once per window: the map holds only the addresses seen lately.
        for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
        nextSweep = at + windowMs;
      }
      const key = `${route} ${client}`;
      const window = windows.get(key);
      if (!window || window.endsAt <= at) {
        windows.set(key, { count: 1, endsAt: at + windowMs });
        return { allowed: true, endsInMs: windowMs };
      }
      if (window.count >= limit) return { allowed: false, endsInMs: window.endsAt - at };
      window.count++;
      return { allowed: true, endsInMs: window.endsAt - at };
    },
  };
}

/**
 * The windows in PostgreSQL, shared by every instance on the database (decision 0056). One
 * statement per request: the upsert takes the row's lock, so two instances' requests on one
 * address are counted one after the other; the database's clock dates the windows, so the
 * instances' clocks need not agree. A refused request is counted too
 * (capped at `limit + 1`): it does not move the window's end.
 */
export function postgresWindows(pool: Pick<pg.Pool, 'query'>): RateWindows {
  let nextSweep = 0;
  return {
    async take(route, client, limit, windowMs) {
      const at = Date.now();
      if (at >= nextSweep) {
        // Ended windows are deleted about once per window by each instance; a failed sweep is retried at the next.
        nextSweep = at + windowMs;
        pool.query('DELETE FROM rate_limit_window WHERE ends_at < clock_timestamp()').catch(() => (nextSweep = 0));
      }
      const { rows } = await pool.query<{ allowed: boolean; endsInMs: number }>(
        `INSERT INTO rate_limit_window AS w (route, client, hits, ends_at)
         VALUES ($1, $2, 1, clock_timestamp() + $4 * interval '1 millisecond')
         ON CONFLICT (route, client) DO UPDATE SET
           hits = CASE WHEN w.ends_at <= clock_timestamp() THEN 1 ELSE least(w.hits + 1, $3 + 1) END,
           ends_at = CASE WHEN w.ends_at <= clock_timestamp() THEN clock_timestamp() + $4 * interval '1 millisecond' ELSE w.ends_at END
         RETURNING hits <= $3 AS allowed, greatest(0, extract(epoch FROM ends_at - clock_timestamp()) * 1000)::float8 AS "endsInMs"`,
        [route, client, limit, windowMs],
      );
      const row = rows[0]!;
      return { allowed: row.allowed, endsInMs: Number(row.endsInMs) };
    },
  };
}
