import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createOwnedDatabase, dropOwnedDatabase, inspectDatabase } from '../harness/databases.js';
import { stack } from '../helpers/stack.js';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: stack().postgres.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the harness', () => {
  it('refuses to drop a database it did not create', async () => {
    const name = `procura_foreign_${randomBytes(3).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    try {
      await expect(dropOwnedDatabase(stack().postgres.adminUrl, name)).rejects.toThrow(/refusing to drop database/);
      expect((await inspectDatabase(stack().postgres.adminUrl, name)).exists).toBe(true);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    }
  });

  it('drops a database it created', async () => {
    const name = `procura_owned_${randomBytes(3).toString('hex')}`;
    await createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
    expect(await inspectDatabase(stack().postgres.adminUrl, name)).toEqual({ exists: true, owned: true });
    await dropOwnedDatabase(stack().postgres.adminUrl, name);
    expect((await inspectDatabase(stack().postgres.adminUrl, name)).exists).toBe(false);
  });

  it('gives the run a database of its own, marked as created by the harness', async () => {
    const name = new URL(stack().databaseUrl).pathname.slice(1);
    expect(name).toMatch(/^procura_test_/);
    expect(await inspectDatabase(stack().postgres.adminUrl, name)).toEqual({ exists: true, owned: true });
  });
});
