import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';
import { lookupUser } from './postgres.js';
import { guard } from './processes.js';

const run = promisify(execFile);

/** A PostgreSQL server of a test's own, which it may stop and start again (never the shared one). */
export interface OwnPostgres {
  /** URL of its maintenance database (user postgres, trust on loopback). */
  readonly adminUrl: string;
  readonly port: number;
  /** `pg_ctl stop`: `fast` (sessions ended, a clean shutdown) or `immediate` (no shutdown checkpoint: recovery at the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again, on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

/** The newest Debian PostgreSQL's binaries (`/usr/lib/postgresql/N/bin`), or `PROCURA_PG_BIN`. */
function binaries(): string {
  if (process.env.PROCURA_PG_BIN) return process.env.PROCURA_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin/pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root} (apt-get install postgresql, or set PROCURA_PG_BIN)`);
  return join(root, versions[0]!, 'bin');
}

/**
 * Issue 15 item 3: initdb into a temporary folder and `pg_ctl start` on a free port of loopback;
 * as the `postgres` user when running as root (PostgreSQL refuses root). fsync off: a stop, even
 * immediate, is a process stop, not a machine crash, and the data are thrown away after.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binaries();
  const dataDir = mkdtempSync(join(tmpdir(), 'procura-pg-'));
  const owner = userInfo().uid === 0 ? lookupUser('postgres') : undefined;
  if (userInfo().uid === 0 && !owner) throw new Error('running as root needs a `postgres` system user');
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], as);
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-t', '60', ...args], as);
  const start = async (): Promise<void> => {
    await pgCtl('-l', join(dataDir, 'server.log'), '-o', `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`, 'start');
    // A watchdog stops the server if this process dies without stopping it.
    guard(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'pid');
  };
  await start();
  let running = true;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop(mode) {
      await pgCtl('-m', mode, 'stop');
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
