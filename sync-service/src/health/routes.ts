import { Router } from 'express';
import type pg from 'pg';

/** Liveness and readiness: the database answers and Keycloak's realm is served. */
export function healthRoutes(deps: { pool: pg.Pool; keycloakUrl: string; realm: string }): Router {
  const router = Router();
  router.get('/healthz', async (_request, response) => {
    const [database, keycloak] = await Promise.all([
      deps.pool.query('SELECT 1').then(() => 'up', () => 'down'),
      fetch(`${deps.keycloakUrl}/realms/${deps.realm}`, { signal: AbortSignal.timeout(3000) }).then((r) => (r.ok ? 'up' : 'down'), () => 'down'),
    ]);
    const healthy = database === 'up' && keycloak === 'up';
    response.status(healthy ? 200 : 503).json({ status: healthy ? 'up' : 'down', database, keycloak });
  });
  return router;
}
