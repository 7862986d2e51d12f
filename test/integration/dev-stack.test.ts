import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnedDatabase, dropOwnedDatabase, withDatabase } from '../harness/databases.js';
import { startStack, type Stack } from '../harness/stack.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 16 item 11: `npm start` on a dev database another clone left (or this clone, after its
 * `.cache/` was deleted). A clone is played by a cache folder of its own; the database is one of this
 * test's, marked as a test database so that a killed run's copy is dropped by the next run.
 */
const name = `procura_devclone_${randomBytes(3).toString('hex')}`;
const caches: string[] = [];
// On the local server the dev database is found by name as `npm start` does; elsewhere through DATABASE_URL.
const onLocalServer = stack().postgres.kind === 'local';
const savedDatabaseUrl = process.env.DATABASE_URL;

async function startAsAnotherClone(): Promise<Stack> {
  const cache = mkdtempSync(join(tmpdir(), 'procura-clone-'));
  caches.push(cache);
  return startStack({ purpose: 'dev', log: () => {}, cacheDir: cache, ...(onLocalServer ? { devDatabase: name } : {}) });
}

async function clientToken(info: Stack['info']): Promise<number> {
  const response = await fetch(`${info.keycloak.url}/realms/${info.keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clients.sync.clientId, client_secret: info.clients.sync.secret }),
  });
  return response.status;
}

async function sql(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(stack().postgres.adminUrl, name) });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const url = await createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
  if (!onLocalServer) process.env.DATABASE_URL = url;
});

afterAll(async () => {
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
  await dropOwnedDatabase(stack().postgres.adminUrl, name);
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

describe('npm start on a dev database kept from another clone', () => {
  it('starts, and the sync-service logs in with the secrets the realm was made with', async () => {
    const first = await startAsAnotherClone();
    await first.stop();
    const second = await startAsAnotherClone();
    try {
      expect(second.info.clients.sync.secret).toBe(first.info.clients.sync.secret);
      expect(await clientToken(second.info)).toBe(200);
    } finally {
      await second.stop();
    }
  }, 300_000);

  it('says in one line what to run when the database holds a Keycloak whose secrets were kept nowhere', async () => {
    await sql('DELETE FROM harness.dev_secrets');
    const started = startAsAnotherClone();
    await expect(started).rejects.toThrow(onLocalServer ? /^[^\n]*run `npm start -- --reset`$/ : /^[^\n]*set DATABASE_URL to an empty database$/);
  }, 120_000);
});
