import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '@procura/sync-service/migrations';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { stack } from '../helpers/stack.js';

const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `procura_migr_${randomBytes(4).toString('hex')}`;
  created.push(name);
  return createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created) await dropOwnedDatabase(stack().postgres.adminUrl, name);
});

describe('migrations (forward-only, plain SQL)', () => {
  it('builds the schema from empty, and a second run applies nothing', async () => {
    const url = await freshDatabase();
    const applied = await migrate(url);
    expect(applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['organization', 'unit', 'person', 'membership', 'mandate', 'audit_entry', 'outbox']),
    );
    expect(await migrate(url)).toEqual([]);
  });

  it('upgrades from every earlier version to the latest', async () => {
    const versions = listMigrations().map((m) => m.version);
    for (const start of versions.slice(0, -1)) {
      const url = await freshDatabase();
      await migrate(url, { upTo: start });
      const rest = await migrate(url);
      expect(rest.map((m) => m.version)).toEqual(versions.filter((v) => v > start));
    }
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const url = await freshDatabase();
    await migrate(url);
    await query(url, `UPDATE schema_migration SET checksum = 'edited' WHERE version = 1`);
    await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
  });

  it('an up-to-date database is checked without waiting for an instance that holds the migrations lock', async () => {
    const url = await freshDatabase();
    await migrate(url);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['procura.migrate']);
      const stalled = (): Promise<'waited'> => new Promise((resolve) => setTimeout(() => resolve('waited'), 10_000).unref());
      expect(await Promise.race([migrate(url), stalled()])).toEqual([]);
      await holder.query(`UPDATE schema_migration SET checksum = 'edited' WHERE version = 2`);
      await expect(Promise.race([migrate(url), stalled()])).rejects.toThrow(/migration 2_\w+ was changed after it was applied/);
    } finally {
      await holder.end();
    }
  });

  it('R32: the audit trail is append-only', async () => {
    const url = await freshDatabase();
    await migrate(url);
    await query(url, `INSERT INTO audit_entry (actor_label, action, subject_type) VALUES ('test', 'organization.created', 'organization')`);
    await expect(query(url, `UPDATE audit_entry SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(query(url, `DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });

  it('R1: one person per e-mail, compared trimmed and case-insensitively', async () => {
    const url = await freshDatabase();
    await migrate(url);
    await query(url, `INSERT INTO person (email) VALUES ('Lea.Favre@Example.test')`);
    await expect(query(url, `INSERT INTO person (email) VALUES ('  lea.favre@example.TEST ')`)).rejects.toThrow(/duplicate key/);
  });
});
