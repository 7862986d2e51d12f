import { createServer, connect, type Socket } from 'node:net';
import { seeded } from './seeded.js';

/** What the proxy does to a connection it faults. */
export type TcpFault = 'refuse' | 'drop' | 'delay';

export interface TcpFaultProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** `url` (a postgres:// URL of the target) pointed at the proxy instead. */
  through(url: string): string;
  /** The share of new connections refused and of chunks faulted from now on (0: none), and which faults are drawn. */
  set(rate: number, faults?: readonly TcpFault[]): void;
  /** An outage: every open connection dropped, every new one refused, until `outage(false)`. */
  outage(on: boolean): void;
  /** Connections accepted, chunks forwarded, and faults injected by kind. */
  readonly counts: { connections: number; chunks: number } & Record<TcpFault, number>;
  close(): Promise<void>;
}

/**
 * Issue 15 item 3: a TCP proxy of the project's own in front of PostgreSQL that forwards bytes and
 * faults a seeded share of them: `refuse` closes a new connection at once (before any byte reaches
 * the server), `drop` destroys both sides of an open connection mid-stream (a query sent, its answer
 * never read back: the transaction may or may not have been committed), `delay` holds one chunk
 * back 300 ms. Faults are drawn per chunk as well as per connection, so a pool's long-lived
 * connections are faulted too, not only the new ones.
 */
export async function startTcpFaultProxy(target: { host: string; port: number }, seed = 1): Promise<TcpFaultProxy> {
  let rate = 0;
  let kinds: readonly TcpFault[] = ['refuse', 'drop', 'delay'];
  let down = false;
  const { next } = seeded(seed);
  const counts = { connections: 0, chunks: 0, refuse: 0, drop: 0, delay: 0 };
  const open = new Set<Socket>();

  const draw = (among: readonly TcpFault[]): TcpFault | undefined => {
    const allowed = kinds.filter((kind) => among.includes(kind));
    if (rate === 0 || allowed.length === 0 || next() >= rate) return undefined;
    return allowed[Math.floor(next() * allowed.length)];
  };

  /** Copies `from` into `to`, chunk by chunk, in order: a delayed chunk holds back the ones after it. */
  const pipe = (from: Socket, to: Socket, drop: () => void): void => {
    from.on('data', (chunk) => {
      counts.chunks += 1;
      const fault = draw(['drop', 'delay']);
      if (fault) counts[fault] += 1;
      if (fault === 'drop') return drop();
      if (fault !== 'delay') return void to.write(chunk);
      from.pause();
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
        from.resume();
      }, 300);
    });
    from.on('end', () => to.end());
  };

  const server = createServer((client) => {
    counts.connections += 1;
    client.on('error', () => {});
    if (down || draw(['refuse'])) {
      if (!down) counts.refuse += 1;
      return void client.destroy();
    }
    const upstream = connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    open.add(client);
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    pipe(client, upstream, drop);
    pipe(upstream, client, drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    set(share, faults) {
      rate = share;
      if (faults) kinds = faults;
    },
    outage(on) {
      down = on;
      if (on) for (const socket of open) socket.destroy();
    },
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
