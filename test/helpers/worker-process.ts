import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '@procura/sync-service/migrations';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { serviceEnvironment } from '../harness/app.js';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { repoRoot } from '../harness/paths.js';
import { stack } from './stack.js';

/**
 * A database of the test file's own, on the run's PostgreSQL, migrated and with the catalogue: a
 * `sync-service worker` drains every pending row of its database, and must take no other test's.
 */
export function ownDatabase(label: string): { pool(): Promise<pg.Pool>; url(): Promise<string>; drop(): Promise<void> } {
  const name = `procura_${label}_${randomBytes(4).toString('hex')}`;
  let pool: pg.Pool | undefined;
  let url = '';
  const ready = async (): Promise<pg.Pool> => {
    if (pool) return pool;
    url = await createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
    await migrate(url);
    pool = new pg.Pool({ connectionString: url, max: 8 });
    // A connection cut (a chaos test's PostgreSQL stopped, the database dropped at the end) must not crash the runner.
    pool.on('error', () => {});
    await syncCatalogue(pool);
    return pool;
  };
  return {
    pool: ready,
    /** The database's URL, once it exists: whichever test asks first creates it. */
    async url() {
      await ready();
      return url;
    },
    async drop() {
      await pool?.end();
      await dropOwnedDatabase(stack().postgres.adminUrl, name);
    },
  };
}

/** `sync-service worker` as a process of its own (`node --import tsx sync-service/src/cli.ts worker`), on the run's stack; `env` on top. */
export function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'sync-service/src/cli.ts'), 'worker'], {
    // Metrics off unless asked: several workers of a run must not fight for the default port.
    env: { ...process.env, ...serviceEnvironment(stack()), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', PROCURA_METRICS_PORT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  outputs.set(worker, output);
  worker.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  worker.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return worker;
}

const outputs = new WeakMap<ChildProcess, string[]>();

/** What the worker wrote (its warnings and errors: LOG_LEVEL warn), to explain a failed expectation. */
export function workerOutput(worker: ChildProcess): string {
  return `the worker's output:\n${outputs.get(worker)?.join('') || '(nothing)'}`;
}

/** Sends `signal` and waits for the exit; how it ended. */
export async function stopWorkerProcess(worker: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (worker.exitCode !== null || worker.signalCode !== null) return { code: worker.exitCode, signal: worker.signalCode };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    worker.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
  );
  worker.kill(signal);
  return exited;
}
