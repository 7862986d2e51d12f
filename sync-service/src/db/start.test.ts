import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { untilDatabaseAnswers } from './start.js';

const logger = createLogger('silent');
const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('issue 15 item 3: a start-up step waits for PostgreSQL', () => {
  it('runs the step again while the database cannot be reached, and returns its result once it answers', async () => {
    vi.useFakeTimers();
    try {
      const step = vi
        .fn<() => Promise<string>>()
        .mockRejectedValueOnce(refused())
        .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'))
        .mockResolvedValue('claimed');
      const result = untilDatabaseAnswers('profile', step, logger);
      await vi.advanceTimersByTimeAsync(500);
      expect(step).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(1000);
      await expect(result).resolves.toBe('claimed');
      expect(step).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('throws any other error at once: a database claimed by another profile is not waited for', async () => {
    const step = vi.fn<() => Promise<void>>().mockRejectedValue(new Error('this database was started with the profile "peps"'));
    await expect(untilDatabaseAnswers('profile', step, logger)).rejects.toThrow(/profile "peps"/);
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('gives up once the wait is spent, saying how long and which step', async () => {
    vi.useFakeTimers();
    try {
      const step = vi.fn<() => Promise<void>>().mockRejectedValue(refused());
      const result = untilDatabaseAnswers('migrations', step, logger, 3000);
      const outcome = expect(result).rejects.toThrow(/PostgreSQL did not answer within 3 s \(migrations, 3 attempt\(s\)\): connect ECONNREFUSED/);
      await vi.advanceTimersByTimeAsync(3000);
      await outcome;
      // 0, 0.5 s, 1.5 s; the next wait (2 s) would end past 3 s.
      expect(step).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
