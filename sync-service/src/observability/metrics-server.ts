import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Queryable } from '../db/query.js';
import { collectProcessMetrics, metricsText, registry } from './metrics.js';

/** Where `/metrics` is served: loopback by default, never the public listener (decision 0054). */
export interface MetricsListen {
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
}

export interface MetricsServer {
  /** The port it listens on (the one chosen when `port` was 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The metrics listener of a process (API server or worker): `GET /metrics` in Prometheus' text
 * format, nothing else. Figures held in PostgreSQL are read from `db` at each scrape.
 */
export async function startMetricsServer(listen: MetricsListen, deps: { db?: Queryable; logger: Logger }): Promise<MetricsServer> {
  collectProcessMetrics();
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    metricsText(deps.db).then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        deps.logger.error({ err: error }, 'metrics scrape failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(listen.port, listen.host, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  deps.logger.info({ host: listen.host, port }, 'metrics listening');
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The process's metrics listener as `server.ts` and `sync-service worker` start it: none when
 * turned off; a port already taken is logged as an error and the process serves on without
 * metrics (its scrape target is then down, which `ProcuraInstanceDown` reports).
 */
export async function startProcessMetrics(listen: MetricsListen | undefined, deps: { db?: Queryable; logger: Logger }): Promise<MetricsServer | undefined> {
  if (!listen) return undefined;
  try {
    return await startMetricsServer(listen, deps);
  } catch (error) {
    deps.logger.error({ err: error, host: listen.host, port: listen.port }, 'metrics listener could not start; serving without metrics');
    return undefined;
  }
}
