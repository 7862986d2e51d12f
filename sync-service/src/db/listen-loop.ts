import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * Runs `round` over and over: again at once when it says there may be more (or a notification came
 * while it ran), else after a notification on `channel` (LISTEN) or `pollMs`, whichever comes first.
 * A lost LISTEN connection only costs latency: polling goes on. `stop()` waits for the round in
 * progress. Shared by the outbox's consumers (projection, notices).
 */
export function listenLoop(options: { databaseUrl: string; channel: string; logger: Logger; pollMs: number }, round: () => Promise<boolean>): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  // Set by every notification; cleared before each round, so that a commit landing while a round
  // runs (after its SELECT) sends the loop round again instead of waiting for a poll.
  let notified = false;
  const listener = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 10_000 });
  listener.on('error', (error) => options.logger.warn({ err: error, channel: options.channel }, 'LISTEN connection lost; polling only'));
  const listening = listener
    .connect()
    .then(() => listener.query(`LISTEN ${options.channel}`))
    .then(() =>
      listener.on('notification', () => {
        notified = true;
        wake?.();
      }),
    )
    .catch((error: unknown) => options.logger.warn({ err: error, channel: options.channel }, 'LISTEN unavailable; polling only'));
  const loop = (async () => {
    await listening;
    while (!stopped) {
      notified = false;
      if ((await round()) || notified) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await listener.end().catch(() => {});
    },
  };
}
