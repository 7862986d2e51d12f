import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isDatabaseUnavailable } from './errors.js';

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
 * an error, never silently re-run. `upTo` stops at a version (for the upgrade tests). A database
 * already up to date is only read: no lock, no DDL, so a start does not wait behind an instance that
 * holds the lock, and the common start costs one query.
 */
export async function migrate(databaseUrl: string, options: { upTo?: number } = {}): Promise<Migration[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection lost mid-migration fails the query under way (and the start waits, `untilDatabaseAnswers`); an `error` event without a listener would end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const shipped = listMigrations().filter((m) => m.version <= (options.upTo ?? Infinity));
    const recorded = await appliedChecksums(client).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return undefined; // no schema_migration yet: a new database
      throw error;
    });
    if (recorded) {
      assertUnchanged(shipped, recorded);
      if (shipped.every((m) => recorded.has(m.version))) return [];
    }
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['procura.migrate']);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Read again under the lock: another instance may have applied some while this one waited.
    const applied = await appliedChecksums(client);
    assertUnchanged(shipped, applied);
    const pending = shipped.filter((m) => !applied.has(m.version));
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

function assertUnchanged(shipped: readonly Migration[], applied: Map<number, string>): void {
  for (const migration of shipped) {
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
    await client.query('ROLLBACK').catch(() => {});
    // The database gone is not the migration's fault: thrown as it is, so that the start waits and applies it again.
    if (isDatabaseUnavailable(error)) throw error;
    throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
