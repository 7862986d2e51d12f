import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/paths.js';
import * as oidc from 'openid-client';
import { keycloakAdmin, stack } from '../helpers/stack.js';
import { consoleClient } from '../helpers/tokens.js';

describe('the real stack', () => {
  it('runs the Keycloak version pinned by the admin client', async () => {
    const manifest = JSON.parse(readFileSync(`${repoRoot}/sync-service/package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const pinned = manifest.dependencies['@keycloak/keycloak-admin-client'];
    const { keycloak } = stack();
    const token = await fetch(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: keycloak.adminUser, password: keycloak.adminPassword }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const info = await fetch(`${keycloak.url}/admin/serverinfo`, { headers: { authorization: `Bearer ${token.access_token}` } }).then(
      (r) => r.json() as Promise<{ systemInfo: { version: string } }>,
    );
    expect(info.systemInfo.version).toBe(pinned);
    expect(keycloak.version).toBe(pinned);
  });

  it('has loaded the project provider JAR into Keycloak', async () => {
    const { keycloak } = stack();
    const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/procura/info`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ provider: 'procura', realm: keycloak.realm });
  });

  it('issue 20 item 2: the sync-service learns from it which endpoints the provider serves, all of those it calls', async () => {
    const admin = keycloakAdmin();
    const endpoints = ['projection-state', 'projection-state.groups-of-users', 'projection-digests', 'projection-changes', 'service-clients'] as const;
    expect(await Promise.all(endpoints.map((endpoint) => admin.provides(endpoint)))).toEqual(endpoints.map(() => true));
  });

  it('serves the realm login page with the Procura theme, in French by default', async () => {
    const { config, redirectUri } = await consoleClient();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Connexion à Procura');
    const stylesheet = /href="([^"]*procura\.css)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    expect((await fetch(new URL(stylesheet!, url))).status).toBe(200);
  });

  it('keeps Keycloak on PostgreSQL, in the run database, schema keycloak', async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: stack().databaseUrl });
    await client.connect();
    try {
      const realms = await client.query<{ name: string }>('SELECT name FROM keycloak.realm ORDER BY name');
      expect(realms.rows.map((row) => row.name)).toEqual(['master', 'procura']);
    } finally {
      await client.end();
    }
  });
});
