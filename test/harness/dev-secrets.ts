import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** The secrets a stack's Keycloak is made with: its bootstrap administrator and the realm's two clients. */
export interface Secrets {
  readonly console: string;
  readonly sync: string;
  readonly admin: string;
}

export function randomSecrets(): Secrets {
  const secret = (): string => randomBytes(24).toString('base64url');
  return { console: secret(), sync: secret(), admin: secret() };
}

/**
 * The dev stack's secrets, kept in the dev database itself (table `harness.dev_secrets`): the
 * administrator and the realm that Keycloak keeps in schema `keycloak` were made with them, so
 * whoever starts on that database (another clone, this clone after `.cache/` was deleted) must use
 * the same. Decision 0043. `legacyFile` is where they were kept before (`.cache/dev-secrets.json`):
 * a database started by such a version takes them from there once. `remedy` says what to do when
 * the database holds a Keycloak whose secrets were kept nowhere reachable.
 */
export async function keptSecrets(databaseUrl: string, options: { legacyFile: string; remedy: string }): Promise<Secrets> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS harness');
    await client.query(
      'CREATE TABLE IF NOT EXISTS harness.dev_secrets (one boolean PRIMARY KEY DEFAULT true CHECK (one), secrets jsonb NOT NULL, kept_at timestamptz NOT NULL DEFAULT now())',
    );
    const kept = await storedSecrets(client);
    if (kept) return kept;
    const fresh = await secretsForUnkeptDatabase(client, databaseUrl, options);
    // Two starts at once on one database: the first one's secrets win.
    await client.query('INSERT INTO harness.dev_secrets (secrets) VALUES ($1) ON CONFLICT (one) DO NOTHING', [fresh]);
    return (await storedSecrets(client)) ?? fresh;
  } finally {
    await client.end();
  }
}

async function storedSecrets(client: pg.Client): Promise<Secrets | undefined> {
  const { rows } = await client.query<{ secrets: Secrets }>('SELECT secrets FROM harness.dev_secrets');
  return rows[0]?.secrets;
}

async function secretsForUnkeptDatabase(client: pg.Client, databaseUrl: string, options: { legacyFile: string; remedy: string }): Promise<Secrets> {
  const { rows } = await client.query<{ started: boolean }>(`SELECT to_regclass('keycloak.realm') IS NOT NULL AS started`);
  if (!rows[0]?.started) return randomSecrets();
  if (existsSync(options.legacyFile)) return JSON.parse(readFileSync(options.legacyFile, 'utf8')) as Secrets;
  const name = new URL(databaseUrl).pathname.slice(1);
  throw new Error(
    `database ${name} holds a Keycloak started by another clone or before .cache/ was deleted, its administrator password is lost: ${options.remedy}`,
  );
}
