import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A numbered plain SQL file of `sync-service/migrations/`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** The migrations shipped with this version, in order. */
export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(migrationsDir, file), 'utf8');
      return { version: Number(file.slice(0, 4)), name: file.slice(5, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Any `pg` client or pool. */
type Queryable = Pick<pg.Client, 'query'>;

/**
 * Applies the migrations not yet applied, each in its own transaction, under an advisory lock so
 * that two starting services do not race. Forward-only: an applied migration whose file changed is
 * an error, never silently re-run. `upTo` stops at a version (for the upgrade tests).
 */
export async function migrate(databaseUrl: string, options: { upTo?: number } = {}): Promise<Migration[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['procura.migrate']);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await appliedChecksums(client);
    const pending = listMigrations().filter((m) => !applied.has(m.version) && m.version <= (options.upTo ?? Infinity));
    assertUnchanged(applied);
    for (const migration of pending) await apply(client, migration);
    return pending;
  } finally {
    await client.end();
  }
}

async function appliedChecksums(client: Queryable): Promise<Map<number, string>> {
  const result = await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migration');
  return new Map(result.rows.map((row) => [row.version, row.checksum]));
}

function assertUnchanged(applied: Map<number, string>): void {
  for (const migration of listMigrations()) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(`migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`);
    }
  }
}

async function apply(client: Queryable, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
