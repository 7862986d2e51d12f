import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { cacheDir, repoRoot } from '../harness/paths.js';
import { freePort } from '../harness/ports.js';
import { isAlive } from '../harness/processes.js';

/** `npm start -- --profile NAME` running, as a person at a terminal started it. */
export interface StartedPortal {
  readonly consoleUrl: string;
  readonly mailWebUrl: string;
  /** Milliseconds from the command to the banner saying it runs. */
  readonly readyAfterMs: number;
  /** The ports it was told to use, free again once it has stopped. */
  readonly ports: readonly number[];
  /** Every process of the start seen while it ran (npm, the script, Keycloak, the sink, the services, their guardians). */
  processes(): number[];
  /** Ctrl-C: SIGINT to the command's process group; resolves once npm has exited. */
  interrupt(): Promise<void>;
  /** Kills whatever is left and drops the run's database (after a failure too). */
  cleanUp(): Promise<void>;
}

/**
 * Starts `npm start -- --profile <id>` on free ports of its own and on a new database of the run's
 * on the server of `adminUrl` (through DATABASE_URL, marked as a test database: a killed run's copy
 * is dropped by the next `npm test`), so that the user's own `procura_dev*` databases are never
 * touched. Resolves when the banner is printed; its output goes to `.cache/logs/profiles/<id>.log`.
 */
export async function startPortal(id: string, adminUrl: string, timeoutMs = 420_000): Promise<StartedPortal> {
  const database = `procura_test_profile_${id.replace(/-/g, '_')}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = await createOwnedDatabase(adminUrl, database, 'test');
  const names = ['PORT', 'KEYCLOAK_PORT', 'MAIL_SMTP_PORT', 'MAIL_WEB_PORT', 'INBOX_PORT'] as const;
  const ports = await Promise.all(names.map(() => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...startEnvironment(),
    DATABASE_URL: databaseUrl,
    ...Object.fromEntries(names.map((name, at) => [name, String(ports[at])])),
  };
  const logDir = join(cacheDir, 'logs', 'profiles');
  mkdirSync(logDir, { recursive: true });
  const file = createWriteStream(join(logDir, `${id}.log`));
  const startedAt = Date.now();
  // Each line with the seconds since the command: where a start spends its time.
  const log = (chunk: Buffer): void => void file.write(chunk.toString().replace(/^(?=.)/gm, () => `+${((Date.now() - startedAt) / 1000).toFixed(1)} s `));
  // Detached: its own process group, as a terminal's foreground job is, so Ctrl-C can be sent to all of it.
  const child = spawn('npm', ['start', '--', '--profile', id], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Set<number>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('close', () => file.end());
  const cleanUp = async (): Promise<void> => {
    signal(-child.pid!, 'SIGKILL');
    for (const pid of stillRunning([...seen])) signal(pid, 'SIGKILL');
    await dropOwnedDatabase(adminUrl, database).catch(() => undefined);
  };
  try {
    const banner = await bannerOf(child, log, timeoutMs, () => descendantsOf(child.pid!).forEach((pid) => seen.add(pid)));
    return {
      consoleUrl: banner.console,
      mailWebUrl: banner.mail,
      readyAfterMs: Date.now() - startedAt,
      ports,
      processes: () => {
        descendantsOf(child.pid!).forEach((pid) => seen.add(pid));
        return [child.pid!, ...seen];
      },
      interrupt: async () => {
        descendantsOf(child.pid!).forEach((pid) => seen.add(pid));
        signal(-child.pid!, 'SIGINT');
        await exited;
      },
      cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The user's environment, without what vitest adds (a start from a terminal has none of it). */
function startEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST' || name === 'PROCURA_PROFILE' || name === 'DATABASE_URL') delete env[name];
  return env;
}

/** Waits for the banner's Console and Mail sink lines, failing when the start exits first or takes too long. */
function bannerOf(child: ChildProcess, log: (chunk: Buffer) => void, timeoutMs: number, onProgress: () => void): Promise<{ console: string; mail: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const ticker = setInterval(onProgress, 1000);
    const done = (error?: Error, banner?: { console: string; mail: string }): void => {
      clearInterval(ticker);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(banner!);
    };
    const timer = setTimeout(() => done(new Error(`npm start was not ready after ${timeoutMs / 1000} s; its output: .cache/logs/profiles/`)), timeoutMs);
    const read = (chunk: Buffer): void => {
      log(chunk);
      output += chunk.toString();
      const consoleUrl = /^\s+Console\s+(\S+)/m.exec(output)?.[1];
      const mail = /^\s+Mail sink\s+(\S+)/m.exec(output)?.[1];
      if (consoleUrl && mail) done(undefined, { console: consoleUrl, mail });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', log);
    child.once('exit', (code) => done(new Error(`npm start exited (${code}) before it was ready: ${output.split('\n').slice(-15).join('\n')}`)));
  });
}

/** Every process below `root`, from /proc (the managed ones run in process groups of their own, still children of the script). */
export function descendantsOf(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of parents.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The pids of `pids` still running (a zombie counts as gone: it holds nothing but its entry). */
export function stillRunning(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    if (!isAlive(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
