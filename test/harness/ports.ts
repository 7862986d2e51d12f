import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/**
 * Polls `probe` until it returns true, or fails after `timeoutMs` with the last error as cause;
 * `givesUp` ends the wait at once when it returns a reason (a process that exited, say).
 */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, givesUp?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const reason = givesUp?.();
    if (reason) throw new Error(`${what} will not be ready: ${reason}`);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s`, { cause: lastError });
}
