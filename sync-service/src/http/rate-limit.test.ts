import { describe, expect, it } from 'vitest';
import { createRateLimiter, TooManyRequests } from './rate-limit.js';

/** The public routes' limit per route and client address (R10, R30, R16, R5): what a flood meets. */
describe('the public routes rate limit', () => {
  const refusal = (hit: () => void): TooManyRequests | undefined => {
    try {
      hit();
      return undefined;
    } catch (error) {
      return error as TooManyRequests;
    }
  };

  it('lets `limit` requests through per route and address, refuses the next until the window ends, with the seconds left', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, windowSeconds: 60 }, () => now);
    limiter.hit('signUp', '203.0.113.5');
    limiter.hit('signUp', '203.0.113.5');
    now += 15_500;
    const refused = refusal(() => limiter.hit('signUp', '203.0.113.5'));
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect(refused).toMatchObject({ status: 429, code: 'request.rate_limited', retryAfter: 45, messages: { fr: expect.stringMatching(/Trop de demandes/), en: expect.stringMatching(/Too many requests/) } });
    // Another address, another route: counted apart.
    expect(refusal(() => limiter.hit('signUp', '198.51.100.7'))).toBeUndefined();
    expect(refusal(() => limiter.hit('requestRecovery', '203.0.113.5'))).toBeUndefined();
    now += 44_500;
    expect(refusal(() => limiter.hit('signUp', '203.0.113.5'))).toBeUndefined();
  });

  it('0 turns it off', () => {
    const limiter = createRateLimiter({ limit: 0, windowSeconds: 60 });
    for (let i = 0; i < 100; i++) limiter.hit('signUp', '203.0.113.5');
  });
});
