import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from './errors.js';

/** How long a starting process waits for PostgreSQL before it gives up. */
export const defaultDatabaseWaitMs = 60_000;

/**
 * Issue 15 item 3: runs a start-up step that needs PostgreSQL (migrations, the profile claim, the
 * catalogue), again while PostgreSQL cannot be reached or is lost during it (refused, reset,
 * restarting: `isDatabaseUnavailable`), 0.5 s then up to 5 s apart, each wait logged. A process
 * started while the database restarts, or through a network that drops a connection, then starts
 * once it answers instead of exiting. Any other error (a wrong password, a migration edited, a
 * database claimed by another profile) is thrown at once; so is the last one once `waitMs` is spent,
 * with how long was waited.
 */
export async function untilDatabaseAnswers<T>(step: string, run: () => Promise<T>, logger: Logger, waitMs = defaultDatabaseWaitMs): Promise<T> {
  const started = Date.now();
  for (let attempt = 1, delayMs = 500; ; attempt++, delayMs = Math.min(delayMs * 2, 5000)) {
    try {
      return await run();
    } catch (error) {
      const waitedMs = Date.now() - started;
      if (!isDatabaseUnavailable(error)) throw error;
      if (waitedMs + delayMs > waitMs) {
        throw new Error(`PostgreSQL did not answer within ${Math.round(waitMs / 1000)} s (${step}, ${attempt} attempt(s)): ${(error as Error).message}`, {
          cause: error,
        });
      }
      logger.warn({ err: error, step, attempt, retryInMs: delayMs }, 'database unavailable at start, waiting for it');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
