import { inject } from 'vitest';
import pg from 'pg';
import { createKeycloakAdmin, type KeycloakAdmin } from '@procura/sync-service/keycloak';
import type { StackInfo } from '../harness/stack.js';

/** The stack started by the global setup (ports, URLs, secrets). */
export function stack(): StackInfo {
  return inject('stack');
}

let pool: pg.Pool | undefined;

/** A pool on the run's business database, shared by the tests of one file. */
export function database(): pg.Pool {
  if (pool) return pool;
  pool = new pg.Pool({ connectionString: stack().databaseUrl, max: 4 });
  // An idle connection cut (the run's database dropped at the end) must not crash the runner.
  pool.on('error', () => {});
  return pool;
}

/**
 * A file of `alone` that needs a database of its own beside the run's realm (a full reconcile that
 * must see this file's organizations only, not the thousands the other files left): from now on,
 * `database()` is a pool on `url` for the file and every helper it calls. Answers that pool.
 */
export function useOwnDatabase(url: string): pg.Pool {
  pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  return pool;
}

/** The sync-service's Keycloak adapter, logged in with its own service account. */
export function keycloakAdmin(): KeycloakAdmin {
  const { keycloak, clients } = stack();
  return createKeycloakAdmin({ url: keycloak.url, realm: keycloak.realm, clientId: clients.sync.clientId, auth: { secret: clients.sync.secret } });
}
