import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import type { Operation } from './plan.js';
import type { Scope } from './store.js';

export type Progress = (done: number, total: number, phase: 'read' | 'write' | 'chunk') => void;

export interface ReconcileOptions {
  readonly scope: Scope;
  readonly dryRun?: boolean;
  readonly today?: string;
  /** Parallel admin calls when reading and writing one by one. */
  readonly concurrency?: number;
  /**
   * Read and write through the provider JAR's bulk endpoints when Keycloak has them (default `true`);
   * `false` makes one admin API call per object (the benchmark's naive baseline).
   */
  readonly bulk?: boolean;
  /**
   * Decision 0061: compare each organization's subtree by its digest first and read in detail only
   * those that differ (default: for a full reconcile through the provider). Scoped reconciles of few
   * organizations read them directly, which costs less than the digests' read of the whole realm.
   */
  readonly digests?: boolean;
  /**
   * Decision 0068: a full reconcile goes through the organizations by chunks of this many
   * (default {@link organizationsPerChunk}), so that its memory follows the chunk, not the realm.
   */
  readonly chunkSize?: number;
  /**
   * Whether the report lists the operations (default `true`); `false` keeps only their number, so
   * that a full reconcile does not hold every chunk's writes until its end (decision 0068).
   */
  readonly keepOperations?: boolean;
  /** Reads and writes of a scoped run; the chunks done of a full run (decision 0068). */
  readonly progress?: Progress;
  /**
   * Told how long each phase took (snapshot, desired, focus, read, plan, apply) and the parts of
   * focus (focus.provider, focus.narrow), for benchmarks and logs; a full reconcile tells
   * each phase once, summed over its chunks.
   */
  readonly timings?: (phase: string, ms: number) => void;
}

export interface ReconcileReport {
  /** The planned writes; empty when `keepOperations` was false (see `changes`). */
  readonly operations: readonly Operation[];
  /** How many writes were planned. */
  readonly changes: number;
  /** Admin API calls of this reconcile. */
  readonly calls: { readonly reads: number; readonly writes: number };
  readonly applied: boolean;
  /**
   * Decision 0061: when subtrees were compared by their digests first, the organizations whose
   * subtree was then read in detail (their digest differed, or the model could not describe it).
   */
  readonly detailed?: number;
}

/** Decision 0068: organizations per chunk of a full reconcile (a few MB of model each at dataset M's shape). */
export const organizationsPerChunk = 200;

/**
 * Issue 20 item 2: what every phase of one reconcile works with, in place of long parameter lists.
 * `lap(name)` adds the time since the previous lap to the phase `name`; `flush()` tells the totals.
 */
export interface Run {
  readonly db: pg.Pool;
  readonly keycloak: KeycloakAdmin;
  readonly today: string;
  readonly dryRun: boolean;
  readonly io: {
    readonly concurrency: number;
    readonly bulk: boolean;
    readonly progress: ((done: number, total: number, phase: 'read' | 'write') => void) | undefined;
  };
  /**
   * The organizations whose groups the apply found there already (a 409: a run killed between
   * create and record, a model restored from an older backup) and took over. The plan took those
   * groups for new and empty, so what else they hold is compared by a second pass.
   */
  readonly takenOver: Set<string>;
  readonly lap: (name: string) => void;
  /** A stopwatch of its own over the parts of a phase (`focus.provider`…), into the same totals. */
  readonly stopwatch: (prefix: string) => (name: string) => void;
  readonly flush: () => void;
}

export function startRun(db: pg.Pool, keycloak: KeycloakAdmin, options: ReconcileOptions, today: string): Run {
  const totals = new Map<string, number>();
  const stopwatch = (prefix: string): ((name: string) => void) => {
    let mark = performance.now();
    return (name) => {
      const now = performance.now();
      totals.set(`${prefix}${name}`, (totals.get(`${prefix}${name}`) ?? 0) + (now - mark));
      mark = now;
    };
  };
  const progress = options.progress;
  return {
    db,
    keycloak,
    today,
    dryRun: options.dryRun ?? false,
    // A full run tells its chunks, not each chunk's reads and writes (decision 0068).
    io: {
      concurrency: options.concurrency ?? 8,
      bulk: options.bulk ?? true,
      progress: 'all' in options.scope || !progress ? undefined : (done, total, phase) => progress(done, total, phase),
    },
    takenOver: new Set(),
    lap: stopwatch(''),
    stopwatch,
    flush() {
      for (const [name, ms] of totals) options.timings?.(name, Math.round(ms));
      totals.clear();
    },
  };
}
