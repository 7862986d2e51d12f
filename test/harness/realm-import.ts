import type { RunningKeycloak } from './keycloak-server.js';

/** A token of the master realm's bootstrap administrator (admin-cli, password grant). */
export async function masterAdminToken(keycloak: Pick<RunningKeycloak, 'url' | 'adminUser' | 'adminPassword'>): Promise<string> {
  const response = await fetch(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: keycloak.adminUser, password: keycloak.adminPassword }),
  });
  if (!response.ok) throw new Error(`the bootstrap administrator cannot log in (${response.status}): ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Creates the realm through the admin REST API unless it exists (a dev database kept from an
 * earlier `npm start`: its realm, users and sessions stay as they were).
 */
export async function importRealm(keycloak: RunningKeycloak, realm: Record<string, unknown>, log: (message: string) => void): Promise<void> {
  const token = await masterAdminToken(keycloak);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const name = String(realm.realm);
  const existing = await fetch(`${keycloak.url}/admin/realms/${encodeURIComponent(name)}`, { headers });
  if (existing.ok) {
    log(`realm ${name} exists: kept as it is (npm start -- --reset recreates it)`);
    return;
  }
  const created = await fetch(`${keycloak.url}/admin/realms`, { method: 'POST', headers, body: JSON.stringify(realm) });
  if (!created.ok) throw new Error(`realm ${name} could not be imported (${created.status}): ${await created.text()}`);
  log(`realm ${name} imported`);
}
