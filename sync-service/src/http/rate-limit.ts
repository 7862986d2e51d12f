/**
 * A per-client limit on the API's public routes (sign-up R10, recovery R30, the invitation's
 * preview and acceptance R16, the e-mail change's confirmation R4): nobody is signed in there, so
 * nothing else stops a script from filing requests or trying tokens. Kept in memory, per route and
 * client address, in fixed windows: enough for one instance; behind several, each counts its own.
 */
import { AppError } from '../errors.js';

export interface RateLimit {
  /** Requests allowed per route and address in one window (0: no limit). */
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Refused: too many requests from this address on this route; `retryAfter` in seconds. */
export class TooManyRequests extends AppError {
  readonly retryAfter: number;

  constructor(retryAfter: number) {
    super('request.rate_limited', 429, {
      fr: `Trop de demandes depuis votre adresse ; réessayez dans ${retryAfter} s.`,
      en: `Too many requests from your address; try again in ${retryAfter} s.`,
    });
    this.retryAfter = retryAfter;
  }
}

export interface RateLimiter {
  /** Counts one request of `client` on `route`; throws `TooManyRequests` past the limit. */
  hit(route: string, client: string): void;
}

export function createRateLimiter(settings: RateLimit, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const windowMs = settings.windowSeconds * 1000;
  let nextSweep = now() + windowMs;
  return {
    hit(route, client) {
      if (settings.limit === 0) return;
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
        return;
      }
      if (window.count >= settings.limit) throw new TooManyRequests(Math.max(1, Math.ceil((window.endsAt - at) / 1000)));
      window.count++;
    },
  };
}
