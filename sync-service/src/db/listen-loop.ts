import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * Runs `round` over and over: again at once when it says there may be more (or a notification came
 * while it ran), else after a notification on `channel` (LISTEN) or `pollMs`, whichever comes first.
 * A lost LISTEN connection only costs latency: polling goes on, and it is made again. `stop()` waits for the round in
 * progress. Shared by the outbox's consumers (projection, notices).
 */
export function listenLoop(
  options: { databaseUrl: string; channel: string; logger: Logger; pollMs: number },
  round: () => Promise<boolean>,
): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  // Set by every notification; cleared before each round, so that a commit landing while a round
  // runs (after its SELECT) sends the loop round again instead of waiting for a poll.
  let notified = false;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failedTries = 0;
  // Issue 15 item 3: a LISTEN connection lost (PostgreSQL restarted, a network cut) is made again
  // after `pollMs`, so that the loop wakes at each commit again rather than polling only.
  const listen = (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 10_000 });
    listener = client;
    let lost = false;
    const again = (error: unknown, message: string): void => {
      if (lost || stopped) return;
      lost = true;
      // One warning per outage; the tries while it lasts (one every `pollMs`) at debug.
      if (failedTries++ === 0) options.logger.warn({ err: error, channel: options.channel }, message);
      else options.logger.debug({ err: error, channel: options.channel, tries: failedTries }, message);
      void client.end().catch(() => {});
      retry = setTimeout(() => void listen().then(() => wake?.()), options.pollMs);
    };
    client.on('error', (error) => again(error, 'LISTEN connection lost; polling until it is back'));
    client.on('end', () => again(new Error('connection ended'), 'LISTEN connection lost; polling until it is back'));
    client.on('notification', () => {
      notified = true;
      wake?.();
    });
    return client
      .connect()
      .then(() => client.query(`LISTEN ${options.channel}`))
      .then(() => {
        if (failedTries > 0) options.logger.info({ channel: options.channel, tries: failedTries }, 'LISTEN connection back');
        failedTries = 0;
      })
      .catch((error: unknown) => again(error, 'LISTEN unavailable; polling until it is back'));
  };
  const listening = listen();
  const loop = (async () => {
    await listening;
    // `stopped` and `notified` change in the handlers meanwhile, which the compiler's narrowing cannot see.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    while (!stopped) {
      notified = false;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
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
      clearTimeout(retry);
      wake?.();
      await loop;
      await listener?.end().catch(() => {});
    },
  };
}
