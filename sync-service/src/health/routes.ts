import { Router, type RequestHandler } from 'express';
import type pg from 'pg';
import { listMigrations } from '../db/migrate.js';

type State = 'up' | 'down';

/**
 * Issue 18 item 3: liveness (`/livez`: the process answers, nothing else is asked) and readiness
 * (`/readyz`: the database answers, every migration this version ships is applied, Keycloak serves
 * the realm), 503 with a body naming what is down. `/healthz` is `/readyz` under its older name
 * (scripts, compose files and load balancers call it).
 */
export function healthRoutes(deps: { pool: pg.Pool; keycloakUrl: string; realm: string }): Router {
  const router = Router();
  router.get('/livez', (_request, response) => {
    response.json({ status: 'up' });
  });
  const readiness: RequestHandler = async (_request, response) => {
    const [database, migrations, keycloak] = await Promise.all([
      deps.pool.query('SELECT 1').then(
        (): State => 'up',
        (): State => 'down',
      ),
      migrationsApplied(deps.pool),
      fetch(`${deps.keycloakUrl}/realms/${deps.realm}`, { signal: AbortSignal.timeout(3000) }).then(
        (r): State => (r.ok ? 'up' : 'down'),
        (): State => 'down',
      ),
    ]);
    const checks = { database, migrations, keycloak };
    const down = Object.entries(checks)
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    response.status(down.length === 0 ? 200 : 503).json({ status: down.length === 0 ? 'up' : 'down', ...checks, ...(down.length > 0 ? { down } : {}) });
  };
  router.get('/readyz', readiness);
  router.get('/healthz', readiness);
  return router;
}

let shipped: readonly number[] | undefined;

/** 'up' when every migration of this version is recorded in `schema_migration` (a newer database is fine). */
async function migrationsApplied(pool: pg.Pool): Promise<State> {
  shipped ??= listMigrations().map((m) => m.version);
  try {
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migration');
    const applied = new Set(rows.map((row) => row.version));
    return shipped.every((version) => applied.has(version)) ? 'up' : 'down';
  } catch {
    return 'down';
  }
}
