import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRealm, realmFile } from '@procura/realm-config';
import { cacheDir } from '../harness/paths.js';
import { createTestPerson } from '../helpers/people.js';
import { admin } from '../helpers/keycloak-admin.js';
import { database, stack } from '../helpers/stack.js';
import { loginWithPassword } from '../helpers/tokens.js';

const placeholders = {
  PROCURA_PUBLIC_URL: 'https://procura.example',
  PROCURA_CONSOLE_CLIENT_SECRET: 'console-secret',
  PROCURA_SYNC_CLIENT_SECRET: 'sync-secret',
};

async function createRealm(representation: Record<string, unknown>): Promise<void> {
  const created = await admin('', { method: 'POST', body: representation });
  expect(created.status, await created.clone().text()).toBe(201);
}

async function partialExport(name: string): Promise<Record<string, unknown>> {
  const response = await admin(`/${name}/partial-export?exportClients=true&exportGroupsAndRoles=true`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Keycloak's ids are global: a representation imported next to its source must not carry them. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'id' && key !== 'containerId')
      .map(([key, item]) => [key, withoutIds(item)]),
  );
}

/**
 * What the realm file defines, read from an export: the same keys, recursively; lists of objects
 * matched by their `clientId`, `alias` or `name`. What Keycloak adds on import (defaults, built-in
 * clients) is left out, so that two exports compare on the configuration itself.
 */
function asDefinedBy(template: unknown, exported: unknown): unknown {
  if (Array.isArray(template) && Array.isArray(exported)) {
    const keyOf = (item: unknown): string | undefined => {
      const record = item as Record<string, unknown> | null;
      const key = record?.clientId ?? record?.alias ?? record?.name;
      return typeof key === 'string' ? key : undefined;
    };
    if (!template.every((item) => keyOf(item) !== undefined)) return exported;
    return template.map((item) =>
      asDefinedBy(
        item,
        exported.find((candidate) => keyOf(candidate) === keyOf(item)),
      ),
    );
  }
  if (template === null || typeof template !== 'object' || exported === null || typeof exported !== 'object') return exported;
  return Object.fromEntries(
    Object.keys(template)
      .filter((key) => key !== 'id' && key !== 'realm')
      .map((key) => [key, asDefinedBy((template as Record<string, unknown>)[key], (exported as Record<string, unknown>)[key])]),
  );
}

describe('the realm of realm-config/, as IT administrators install it (issue 5)', () => {
  it('imports into a fresh Keycloak database with `kc.sh import --dir`, from the committed file alone', async () => {
    const { keycloak } = stack();
    const schema = `kc_import_${randomBytes(4).toString('hex')}`;
    await database().query(`CREATE SCHEMA ${schema}`);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'procura-realm-'));
      copyFileSync(realmFile, join(dir, 'procura-realm.json'));
      const db = new URL(stack().databaseUrl);
      const kc = join(cacheDir, 'keycloak', `keycloak-${keycloak.version}`, 'bin/kc.sh');
      await promisify(execFile)(
        kc,
        [
          'import',
          '--dir',
          dir,
          '--optimized',
          `--db-url=jdbc:postgresql://${db.hostname}:${db.port || '5432'}${db.pathname}`,
          `--db-username=${decodeURIComponent(db.username)}`,
          ...(db.password ? [`--db-password=${decodeURIComponent(db.password)}`] : []),
          `--db-schema=${schema}`,
          '--db-pool-max-size=4',
        ],
        { env: { ...process.env, ...placeholders }, timeout: 170_000 },
      );

      const realm = await database().query<{ id: string; default_locale: string }>(`SELECT id, default_locale FROM ${schema}.realm WHERE name = 'procura'`);
      expect(realm.rows[0]?.default_locale).toBe('fr');
      const clients = await database().query<{ client_id: string }>(`SELECT client_id FROM ${schema}.client WHERE realm_id = $1`, [realm.rows[0]!.id]);
      expect(clients.rows.map((c) => c.client_id)).toEqual(
        expect.arrayContaining(['procura-console', 'procura-sync', 'svc-employer-inbox', 'svc-salary-declaration']),
      );
      const redirect = await database().query<{ value: string }>(
        `SELECT r.value FROM ${schema}.redirect_uris r JOIN ${schema}.client c ON c.id = r.client_id WHERE c.client_id = 'procura-console' AND c.realm_id = $1`,
        [realm.rows[0]!.id],
      );
      expect(redirect.rows).toEqual([{ value: 'https://procura.example/auth/callback' }]); // the placeholder, resolved by Keycloak
      const flows = await database().query<{ alias: string }>(`SELECT alias FROM ${schema}.authentication_flow WHERE realm_id = $1`, [realm.rows[0]!.id]);
      expect(flows.rows.map((f) => f.alias)).toContain('procura browser');
    } finally {
      await database().query(`DROP SCHEMA ${schema} CASCADE`);
    }
  }, 180_000);

  it("the admin console's partial import brings its clients, rights and service account into an existing realm", async () => {
    const name = `procura-partial-${randomBytes(3).toString('hex')}`;
    await createRealm({ realm: name, enabled: true });
    try {
      const realm = loadRealm(placeholders) as { clients: unknown[]; roles: unknown; users: unknown[] };
      const imported = await admin(`/${name}/partialImport`, {
        method: 'POST',
        body: { ifResourceExists: 'FAIL', clients: realm.clients, roles: realm.roles, users: realm.users },
      });
      expect(imported.status, await imported.clone().text()).toBe(200);
      const [inbox] = (await (await admin(`/${name}/clients?clientId=svc-employer-inbox`)).json()) as Array<{ id: string }>;
      const roles = (await (await admin(`/${name}/clients/${inbox!.id}/roles`)).json()) as Array<{ name: string }>;
      expect(roles.map((r) => r.name).sort()).toEqual(['archive', 'assign', 'read', 'reply']);
      const [account] = (await (await admin(`/${name}/users?username=service-account-procura-sync&exact=true`)).json()) as Array<{ id: string }>;
      expect(account).toBeDefined();
    } finally {
      await admin(`/${name}`, { method: 'DELETE' });
    }
  });

  it('an export → import round trip keeps it equal', async () => {
    const [first, second] = [`procura-rt-${randomBytes(3).toString('hex')}`, `procura-rt-${randomBytes(3).toString('hex')}`];
    await createRealm({ ...loadRealm(placeholders), realm: first });
    try {
      const exported = await partialExport(first);
      await createRealm({ ...(withoutIds(JSON.parse(JSON.stringify(exported).replaceAll(first, second))) as object), realm: second });
      const again = await partialExport(second);
      const template = withoutIds(loadRealm(placeholders));
      // Ids are Keycloak's own, and lists of names (roles of an account…) come in no set order.
      const canonical = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.every((item) => typeof item !== 'object') ? [...value].sort() : value.map(canonical);
        if (value === null || typeof value !== 'object') return value;
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, canonical(item)]));
      };
      const [before, after] = [canonical(withoutIds(asDefinedBy(template, exported))), canonical(withoutIds(asDefinedBy(template, again)))];
      expect(JSON.parse(JSON.stringify(after).replaceAll(second, first))).toEqual(before);
      // Nothing of the file was lost on the way: its clients and flows are all in the export.
      expect((before as { clients: unknown[] }).clients.every((client) => client !== undefined)).toBe(true);
      expect((before as { authenticationFlows: unknown[] }).authenticationFlows.every((flow) => flow !== undefined)).toBe(true);
      expect(before).toMatchObject({ passwordPolicy: (template as { passwordPolicy: string }).passwordPolicy, defaultLocale: 'fr', bruteForceProtected: true });
    } finally {
      await admin(`/${first}`, { method: 'DELETE' });
      await admin(`/${second}`, { method: 'DELETE' });
    }
  });

  it('brute-force detection: after repeated wrong passwords even the right one is refused, for a while', async () => {
    const person = await createTestPerson('brute-force');
    for (let attempt = 0; attempt < 10; attempt++) {
      await expect(loginWithPassword({ email: person.email, password: `wrong-${attempt}` })).rejects.toThrow(/did not come back/);
    }
    await expect(loginWithPassword(person)).rejects.toThrow(/did not come back/);
    // Keycloak locks sooner when failures come faster than a second apart (its quick-login check).
    const status = (await (await admin(`/${stack().keycloak.realm}/attack-detection/brute-force/users/${person.keycloakId}`)).json()) as {
      disabled: boolean;
      numFailures: number;
    };
    expect(status).toMatchObject({ disabled: true });
  });
});
