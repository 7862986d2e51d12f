import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A process started by the harness, in its own process group so that its children die with it. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves once the whole process group is gone. */
  stop(): Promise<void>;
}

const started = new Set<ManagedProcess>();
const guardianScript = fileURLToPath(new URL('./guardian.mjs', import.meta.url));

/**
 * Starts `command` detached in a new process group, output appended to `logFile`.
 * A guardian process kills the group if this Node process dies without cleaning up (kill -9,
 * crash), so no Java process outlives the run.
 */
export function startManaged(
  name: string,
  command: string,
  args: string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd?: string;
    logFile: string;
  },
): ManagedProcess {
  const out = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', out, out],
  });
  if (child.pid === undefined) throw new Error(`${name} could not be started (${command})`);
  const pid = child.pid;
  const guardian = guard(pid, 'group');
  const managed: ManagedProcess = {
    name,
    pid,
    stop: () => stopGroup(child, guardian).finally(() => started.delete(managed)),
  };
  started.add(managed);
  return managed;
}

/**
 * Starts a small watchdog that stops `pid` (its process group in `group` mode) once this Node
 * process is gone, even after kill -9.
 */
export function guard(pid: number, mode: 'group' | 'pid'): ChildProcess {
  const guardian = spawn(process.execPath, [guardianScript, String(process.pid), String(pid), mode], {
    detached: true,
    stdio: 'ignore',
  });
  guardian.unref();
  return guardian;
}

async function stopGroup(child: ChildProcess, guardian: ChildProcess): Promise<void> {
  const pid = child.pid as number;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  signalGroup(pid, 'SIGKILL');
  if (guardian.pid) signalGroup(guardian.pid, 'SIGKILL');
}

/** Whether a process with this pid is running (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every process group still running, synchronously: for `exit` and signal handlers. */
export function killAllNow(): void {
  for (const managed of started) signalGroup(managed.pid, 'SIGKILL');
  started.clear();
}

let handlersInstalled = false;

/** Makes Ctrl-C and termination stop every managed process before this process exits. */
export function installExitHandlers(onSignal: () => Promise<void>): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const hardStop = setTimeout(() => {
        killAllNow();
        process.exit(130);
      }, 20_000);
      hardStop.unref();
      void onSignal().finally(() => {
        killAllNow();
        process.exit(130);
      });
    });
  }
}
