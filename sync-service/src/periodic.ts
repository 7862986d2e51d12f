/** A job of the background work that runs now and then every interval (the expiry reminders, the erasure). */
export interface PeriodicJob {
  /** One tick now (also what the timer runs); how many things it did. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a tick under way. */
  stop(): Promise<void>;
}

/**
 * Runs `tick` every `intervalMs`, the first one at once, never two at a time; a failed tick is
 * given to `failed` (logged) and the next one tries again.
 */
export function startPeriodic(tick: () => Promise<number>, intervalMs: number, failed: (error: unknown) => void): PeriodicJob {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const runOnce = (): Promise<number> => {
    running = running.then(() => (stopped ? 0 : tick())).catch((error: unknown) => {
      failed(error);
      return 0;
    });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
