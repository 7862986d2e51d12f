import type { Server } from 'node:http';
import express from 'express';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { problemHandler } from './problem.js';

/** An app whose one route fails with the error `make` gives, answered by the problem handler. */
async function answerTo(make: () => Promise<never>): Promise<{ status: number; type: string; retryAfter: string | null; body: Record<string, unknown> }> {
  const app = express();
  app.get('/', async () => make());
  app.use(problemHandler(createLogger('silent')));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, unknown>,
    };
  } finally {
    server.close();
  }
}

const pools: pg.Pool[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.end())));

/** A pool on a port where nothing listens. */
function poolOnNothing(): pg.Pool {
  const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 1000 });
  pool.on('error', () => {});
  pools.push(pool);
  return pool;
}

const unavailable = {
  status: 503,
  retryAfter: '5',
  type: expect.stringMatching(/^application\/problem\+json/),
  body: expect.objectContaining({
    code: 'database.unavailable',
    messages: { fr: expect.stringMatching(/base de données/), en: expect.stringMatching(/database/) },
  }),
};

describe('issue 15 item 3: a request that cannot reach PostgreSQL answers 503 database.unavailable, never a 500', () => {
  it('the server refuses the connection', async () => {
    expect(await answerTo(() => poolOnNothing().query('SELECT 1') as Promise<never>)).toMatchObject(unavailable);
  });

  it('the connection is lost during the query, or the server is shutting down or starting up', async () => {
    expect(await answerTo(() => Promise.reject(new Error('Connection terminated unexpectedly')))).toMatchObject(unavailable);
    expect(await answerTo(() => Promise.reject(new Error('timeout exceeded when trying to connect')))).toMatchObject(unavailable);
    const shuttingDown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(await answerTo(() => Promise.reject(shuttingDown))).toMatchObject(unavailable);
    const startingUp = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    expect(await answerTo(() => Promise.reject(startingUp))).toMatchObject(unavailable);
  });

  it('an unexpected error stays a 500 without details, a known one keeps its own answer', async () => {
    expect(await answerTo(() => Promise.reject(new Error('a bug')))).toMatchObject({ status: 500, body: { code: 'internal' } });
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect((await answerTo(() => Promise.reject(unique))).status).toBe(500);
    const refused = new AppError('membership.exists', 409, { fr: 'Déjà membre.', en: 'Already a member.' });
    expect(await answerTo(() => Promise.reject(refused))).toMatchObject({ status: 409, retryAfter: null, body: { code: 'membership.exists' } });
  });
});
