/**
 * A job of the background work that runs now and then every interval (the expiry reminders, the
 * erasure, the projection's full reconcile).
 */
import { hostname } from 'node:os';
import type pg from 'pg';

export interface PeriodicJob {
  /** One tick now (also what the timer runs); how many things it did. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a tick under way. */
  stop(): Promise<void>;
}

/**
 * Issue 18 item 2 (decision 0057): one leader at a time. Several instances on one database each
 * run the job's timer; a tick runs only on the instance that takes the job's advisory lock (a
 * transaction-level `pg_try_advisory_xact_lock`, held on a connection of its own for the tick) and
 * finds no run of the job recorded within `intervalMs` (`periodic_run`, written in the same
 * transaction): so each interval the job runs once, whichever instance's timer comes first, and
 * an instance that dies (kill -9 closes its connection: the lock goes with it) is replaced at the
 * next tick of another. A tick that fails is not recorded: the next tick, anywhere, tries again.
 */
export interface LeaderGate {
  readonly pool: pg.Pool;
  /** The job's name, its lock and its row of `periodic_run`. */
  readonly job: string;
}

/** The advisory locks' first key: Procura's periodic jobs (the second is the job name's hash). */
const periodicLockSpace = 0x50524f43;
/** The job counts as run within its interval from 90 % of it on: two instances' timers drift apart. */
const dueFraction = 0.9;
/** Who ran a job, in `periodic_run.ran_by`. */
const instanceName = `${hostname()}:${process.pid}`;

/** What a gated tick did: `ran` false when another instance holds the job or ran it lately. */
export interface GatedRun<T> {
  readonly ran: boolean;
  readonly result?: T;
}

/**
 * Runs `work` as the leader of `gate.job` if this instance may (see `LeaderGate`). `force` (an
 * explicit `runOnce`) waits for the lock, while another instance's tick ends, and skips the "run
 * lately" check: it runs, but never beside another tick of the job.
 */
export async function runAsLeader<T>(
  gate: LeaderGate,
  intervalMs: number,
  work: () => Promise<T>,
  options: { readonly force?: boolean } = {},
): Promise<GatedRun<T>> {
  const client = await gate.pool.connect();
  let failed = false;
  let committed = false;
  try {
    await client.query('BEGIN');
    if (options.force) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [periodicLockSpace, gate.job]);
    else {
      const { rows } = await client.query<{ leader: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS leader', [periodicLockSpace, gate.job]);
      if (!rows[0]!.leader) return { ran: false };
    }
    if (!options.force) {
      const { rowCount } = await client.query(`SELECT 1 FROM periodic_run WHERE job = $1 AND last_run_at > now() - $2 * interval '1 millisecond'`, [
        gate.job,
        intervalMs * dueFraction,
      ]);
      if (rowCount) return { ran: false };
    }
    const result = await work();
    await client.query(
      `INSERT INTO periodic_run (job, last_run_at, ran_by) VALUES ($1, now(), $2)
       ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, ran_by = excluded.ran_by`,
      [gate.job, instanceName],
    );
    await client.query('COMMIT');
    committed = true;
    return { ran: true, result };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Not committed (not the leader, run lately, failed): rolled back, which releases the lock.
    if (!committed) await client.query('ROLLBACK').catch(() => undefined);
    client.release(failed);
  }
}

/**
 * Runs `tick` every `intervalMs`, the first one at once, never two at a time; a failed tick is
 * given to `failed` (logged) and the next one tries again. With `leader`, a tick runs only on the
 * job's leader of the moment (see `LeaderGate`; a skipped tick did 0 things).
 */
export function startPeriodic(tick: () => Promise<number>, intervalMs: number, failed: (error: unknown) => void, leader?: LeaderGate): PeriodicJob {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const gated = (force: boolean) => (leader ? runAsLeader(leader, intervalMs, tick, { force }).then((run) => run.result ?? 0) : tick());
  const next = (force: boolean): Promise<number> => {
    running = running
      .then(() => (stopped ? 0 : gated(force)))
      .catch((error: unknown) => {
        failed(error);
        return 0;
      });
    return running;
  };
  const timer = setInterval(() => void next(false), intervalMs);
  timer.unref();
  void next(false);
  return {
    runOnce: () => next(true),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
