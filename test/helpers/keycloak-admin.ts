import { masterAdminToken } from '../harness/realm-import.js';
import { stack } from './stack.js';

/** Calls the run's Keycloak admin REST API (`/admin/realms…`) as the bootstrap administrator, with a JSON body if any. */
export async function admin(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const { keycloak } = stack();
  return fetch(`${keycloak.url}/admin/realms${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${await masterAdminToken(keycloak)}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
