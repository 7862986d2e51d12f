import { hostname } from 'node:os';
import pg from 'pg';
import { isAlive } from './processes.js';

/**
 * Databases the harness creates carry this marker in their comment; the harness drops or wipes a
 * database only when the marker is there, so it never destroys one it did not create.
 */
const marker = 'procura-harness';

interface Ownership {
  readonly purpose: 'test' | 'dev';
  readonly host: string;
  readonly pid: number;
  readonly createdAt: string;
}

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `name` with the harness's marker and the `keycloak` schema that Keycloak will fill. */
export async function createOwnedDatabase(adminUrl: string, name: string, purpose: Ownership['purpose']): Promise<string> {
  assertSafeName(name);
  const ownership: Ownership = { purpose, host: hostname(), pid: process.pid, createdAt: new Date().toISOString() };
  await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    await client.query(`COMMENT ON DATABASE "${name}" IS '${marker}:${JSON.stringify(ownership)}'`);
  });
  const url = withDatabase(adminUrl, name);
  await ensureKeycloakSchema(url);
  return url;
}

/** The `keycloak` schema Keycloak fills (it creates its tables, not the schema): also in a DATABASE_URL the user gave. */
export async function ensureKeycloakSchema(url: string): Promise<void> {
  await withClient(url, (client) => client.query('CREATE SCHEMA IF NOT EXISTS keycloak'));
}

/** Whether `name` exists, and whether the harness created it. */
export async function inspectDatabase(adminUrl: string, name: string): Promise<{ exists: boolean; owned: boolean }> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    const row = result.rows[0];
    return { exists: row !== undefined, owned: parseOwnership(row?.comment ?? null) !== undefined };
  });
}

/** Drops `name`, refusing when the harness did not create it. */
export async function dropOwnedDatabase(adminUrl: string, name: string): Promise<void> {
  assertSafeName(name);
  const { exists, owned } = await inspectDatabase(adminUrl, name);
  if (!exists) return;
  if (!owned) throw new Error(`refusing to drop database "${name}": the harness did not create it (no ${marker} marker)`);
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE "${name}" WITH (FORCE)`));
}

/** Drops test databases left by earlier runs on this host whose process is gone (killed runs). */
export async function dropAbandonedTestDatabases(adminUrl: string): Promise<string[]> {
  const abandoned = await withClient(adminUrl, async (client) => {
    const result = await client.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname LIKE 'procura\\_%'`,
    );
    return result.rows.filter((row) => {
      const ownership = parseOwnership(row.comment);
      return ownership?.purpose === 'test' && ownership.host === hostname() && !isAlive(ownership.pid);
    });
  });
  for (const row of abandoned) await dropOwnedDatabase(adminUrl, row.datname);
  return abandoned.map((row) => row.datname);
}

function parseOwnership(comment: string | null): Ownership | undefined {
  if (!comment?.startsWith(`${marker}:`)) return undefined;
  try {
    return JSON.parse(comment.slice(marker.length + 1)) as Ownership;
  } catch {
    return undefined;
  }
}

function assertSafeName(name: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
}

/**
 * Issue 17: the dev database of a portal's profile, so that switching profile never runs one
 * portal's data under another's rules. The default profile keeps `procura_dev` (nobody's data lost);
 * another gets its own, `procura_dev_<profile>`.
 */
export function devDatabaseFor(profile: string): string {
  if (profile === 'procura') return 'procura_dev';
  const name = `procura_dev_${profile.replace(/-/g, '_')}`;
  assertSafeName(name);
  return name;
}
