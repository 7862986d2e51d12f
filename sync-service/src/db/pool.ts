import pg from 'pg';
import type { Logger } from '../logger.js';

/** How long a request waits for a connection to PostgreSQL before answering 503 (`database.unavailable`). */
export const connectTimeoutMs = 5000;

/**
 * The one way the sync-service opens a pool on PostgreSQL (the server, the worker, the commands).
 * A connection lost while idle (PostgreSQL restarted, a proxy or firewall dropping it) and one
 * lost while checked out (a transaction under way: pg-pool removes its own listener then, and a
 * client's `error` event with no listener ends the process) are logged, never thrown: the query
 * under way fails on its own, the pool replaces the connection. A new connection is given up after
 * `connectionTimeoutMillis`, so that a request never hangs on a database that does not answer.
 */
export function createPool(connectionString: string, logger: Logger, options: { max?: number; connectionTimeoutMillis?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis ?? connectTimeoutMs });
  // Every connection's own listener logs its loss, idle or checked out; the pool's (idle only) must exist, or pg-pool throws.
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'database connection lost')));
  pool.on('error', () => {});
  return pool;
}
