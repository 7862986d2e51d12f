import type { RunningKeycloak } from './keycloak-server.js';
import type { PortalRealmPart } from './portal-realm.js';

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
 * earlier `npm start`: its realm, users and sessions stay as they were). A kept realm gets
 * `refresh` again, the part that follows the profile (its portal's name, colours and texts), so a
 * changed profile shows on the login page without `--reset` (issue 17, decision 0052).
 */
export async function importRealm(
  keycloak: Pick<RunningKeycloak, 'url' | 'adminUser' | 'adminPassword'>,
  realm: Record<string, unknown>,
  log: (message: string) => void,
  refresh?: PortalRealmPart,
): Promise<void> {
  const token = await masterAdminToken(keycloak);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const name = String(realm.realm);
  const existing = await fetch(`${keycloak.url}/admin/realms/${encodeURIComponent(name)}`, { headers });
  if (existing.ok) {
    if (!refresh) {
      log(`realm ${name} exists: kept as it is (npm start -- --reset recreates it)`);
      return;
    }
    const kept = (await existing.json()) as { attributes?: Record<string, string> };
    await refreshPortal(keycloak.url, headers, name, kept.attributes ?? {}, refresh);
    log(`realm ${name} exists: kept, its portal's name, colours and texts set again from the profile (npm start -- --reset recreates it)`);
    return;
  }
  const created = await fetch(`${keycloak.url}/admin/realms`, { method: 'POST', headers, body: JSON.stringify(realm) });
  if (!created.ok) throw new Error(`realm ${name} could not be imported (${created.status}): ${await created.text()}`);
  log(`realm ${name} imported`);
}

/**
 * Sets the portal's attributes and its texts, by language, on the existing realm `name`. Keycloak
 * replaces a realm's attributes with those it is sent: the kept ones (`attributes`) go along.
 */
async function refreshPortal(
  url: string,
  headers: Record<string, string>,
  name: string,
  attributes: Record<string, string>,
  part: PortalRealmPart,
): Promise<void> {
  const realmUrl = `${url}/admin/realms/${encodeURIComponent(name)}`;
  const updated = await fetch(realmUrl, { method: 'PUT', headers, body: JSON.stringify({ realm: name, attributes: { ...attributes, ...part.attributes } }) });
  if (!updated.ok) throw new Error(`realm ${name}: its portal's attributes could not be set (${updated.status}): ${await updated.text()}`);
  for (const [language, texts] of Object.entries(part.localizationTexts)) {
    const written = await fetch(`${realmUrl}/localization/${language}`, { method: 'POST', headers, body: JSON.stringify(texts) });
    if (!written.ok) throw new Error(`realm ${name}: its ${language} texts could not be set (${written.status}): ${await written.text()}`);
  }
}
