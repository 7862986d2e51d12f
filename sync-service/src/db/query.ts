import type pg from 'pg';

/** A pool or a transaction's connection. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Query helpers named by the rows they expect (as slonik's): `maybeOne` throws on two rows or
 * more, `one` also on none. A wrong count is a programming error, never a user's.
 */
export async function maybeOne<T extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  const { rows } = await db.query<T>(sql, params);
  if (rows.length > 1) throw new Error(`expected at most one row, got ${rows.length}: ${sql}`);
  return rows[0];
}

export async function one<T extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []): Promise<T> {
  const row = await maybeOne<T>(db, sql, params);
  if (!row) throw new Error(`expected one row, got none: ${sql}`);
  return row;
}

export async function many<T extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

/** Whether `value` is a UUID: an id that is not one names nothing (PostgreSQL would refuse it in a uuid column). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
