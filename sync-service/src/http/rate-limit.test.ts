import { describe, expect, it } from 'vitest';
import { createRateLimiter, memoryWindows, TooManyRequests } from './rate-limit.js';

/** The public routes' limit per route and client address (R10, R30, R16, R5): what a flood meets. */
describe('the public routes rate limit', () => {
  const refusal = async (hit: () => Promise<void>): Promise<TooManyRequests | undefined> => {
    try {
      await hit();
      return undefined;
    } catch (error) {
      return error as TooManyRequests;
    }
  };

  it('lets `limit` requests through per route and address, refuses the next until the window ends, with the seconds left', async () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(
      { limit: 2, windowSeconds: 60 },
      memoryWindows(() => now),
    );
    await limiter.hit('signUp', '203.0.113.5');
    await limiter.hit('signUp', '203.0.113.5');
    now += 15_500;
    const refused = await refusal(() => limiter.hit('signUp', '203.0.113.5'));
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect(refused).toMatchObject({
      status: 429,
      code: 'request.rate_limited',
      retryAfter: 45,
      messages: { fr: expect.stringMatching(/Trop de demandes/), en: expect.stringMatching(/Too many requests/) },
    });
    // Another address, another route: counted apart.
    expect(await refusal(() => limiter.hit('signUp', '198.51.100.7'))).toBeUndefined();
    expect(await refusal(() => limiter.hit('requestRecovery', '203.0.113.5'))).toBeUndefined();
    now += 44_500;
    expect(await refusal(() => limiter.hit('signUp', '203.0.113.5'))).toBeUndefined();
  });

  it('0 turns it off', async () => {
    const limiter = createRateLimiter({ limit: 0, windowSeconds: 60 }, memoryWindows());
    for (let i = 0; i < 100; i++) await limiter.hit('signUp', '203.0.113.5');
  });
});

describe('issue 18: the count lives in the windows, not in the limiter', () => {
  it('two limiters (two instances) on one store together allow only the limit', async () => {
    const now = 2_000_000;
    const shared = memoryWindows(() => now);
    const [first, second] = [createRateLimiter({ limit: 3, windowSeconds: 60 }, shared), createRateLimiter({ limit: 3, windowSeconds: 60 }, shared)];
    const answers: boolean[] = [];
    for (const limiter of [first, second, first, second, first])
      answers.push(
        await limiter.hit('signUp', '192.0.2.9').then(
          () => true,
          () => false,
        ),
      );
    expect(answers).toEqual([true, true, true, false, false]);
  });
});
