import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import { seeded } from './seeded.js';

/** What the proxy does to a request it faults. */
export type Fault = 'refuse' | 'drop' | 'lose-answer' | 'error' | 'delay';

export interface FaultProxy {
  /** The proxy's base URL: give it instead of the target's. */
  readonly url: string;
  /** The share of requests faulted from now on (0: none), and which faults are drawn. */
  set(rate: number, faults?: readonly Fault[]): void;
  /** Requests seen and faults injected, by kind. */
  readonly counts: { requests: number } & Record<Fault, number>;
  close(): Promise<void>;
}

/**
 * Issue 15 item 3: an HTTP proxy of the project's own between a client and a server (the
 * sync-service and Keycloak) that faults a share of the requests, drawn by a seeded generator:
 * `refuse` closes the connection before forwarding, `drop` forwards the request and closes the
 * connection before the answer is read back (the request may or may not have been applied),
 * `lose-answer` lets the server apply it and throws its answer away (the client never learns it
 * was applied), `error` answers 503 without forwarding, `delay` forwards after 300 ms.
 */
export async function startFaultProxy(target: string, seed = 1): Promise<FaultProxy> {
  const base = new URL(target);
  let rate = 0;
  let kinds: readonly Fault[] = ['refuse', 'drop', 'lose-answer', 'error', 'delay'];
  const { next } = seeded(seed);
  const counts = { requests: 0, refuse: 0, drop: 0, 'lose-answer': 0, error: 0, delay: 0 };

  const pass = (incoming: IncomingMessage, outgoing: ServerResponse, fault: Fault | undefined): void => {
    const upstream = forward(
      { hostname: base.hostname, port: base.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: base.host } },
      (answer) => {
        if (fault === 'lose-answer') {
          answer.resume();
          answer.on('end', () => outgoing.socket?.destroy());
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(upstream);
    if (fault === 'drop') upstream.on('finish', () => setTimeout(() => outgoing.socket?.destroy(), 5));
  };

  const server = createServer((incoming, outgoing) => {
    counts.requests += 1;
    const fault = rate > 0 && next() < rate ? kinds[Math.floor(next() * kinds.length)] : undefined;
    if (fault) counts[fault] += 1;
    if (fault === 'refuse') return void incoming.socket.destroy();
    if (fault === 'error') return void outgoing.writeHead(503, { 'content-type': 'text/plain' }).end('injected fault');
    if (fault === 'delay') return void setTimeout(() => pass(incoming, outgoing, fault), 300);
    pass(incoming, outgoing, fault);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    set: (share, faults) => {
      rate = share;
      if (faults) kinds = faults;
    },
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
