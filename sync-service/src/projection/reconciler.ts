import type pg from 'pg';
import type { CallCounts, KeycloakAdmin } from '../adapters/keycloak/index.js';
import { withTransaction } from '../db/transaction.js';
import { desiredState } from './desired-state.js';
import { readActual } from './actual-state.js';
import { businessDay } from './business-day.js';
import { applyPlan } from './apply.js';
import type { DesiredState, ModelSnapshot } from './model.js';
import { plan, type Operation } from './plan.js';
import { keycloakUserIds, loadSnapshot, recordedGroups, recordLoginStanding, type RecordedGroup, type Scope } from './store.js';
import { narrow } from './focus.js';
import { ProviderMissing } from '../errors.js';

export interface ReconcileReport {
  readonly operations: readonly Operation[];
  /** Admin API calls of this reconcile. */
  readonly calls: CallCounts;
  readonly applied: boolean;
}

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
  readonly progress?: (done: number, total: number, phase: 'read' | 'write') => void;
  /**
   * Told how long each phase took (snapshot, desired, focus, read, plan, apply) and the parts of
   * focus (focus.ids, focus.provider, focus.narrow), for benchmarks and logs.
   */
  readonly timings?: (phase: string, ms: number) => void;
}

/**
 * Makes Keycloak equal to what the model wants, within a scope: reads the desired state from
 * PostgreSQL, what Keycloak holds of it (by the ids kept in PostgreSQL), plans the writes and
 * applies them. A second run plans nothing. A 409 on create means "exists": the object is found
 * again and its id kept. Safe to stop at any point: the next run starts from what is there.
 */
export async function reconcile(db: pg.Pool, keycloak: KeycloakAdmin, options: ReconcileOptions): Promise<ReconcileReport> {
  const before = keycloak.counts();
  const { scope, whole, people } = await expandScope(db, options.scope);
  const lap = stopwatch(options.timings);
  const phase = <T>(name: string, value: T): T => {
    lap(name);
    return value;
  };
  const operations = await withProjectionLocks(db, scope, async () => {
    const snapshot = phase('snapshot', await loadSnapshot(db, scope, options.today ?? businessDay()));
    const full = phase('desired', desiredState(snapshot));
    const { desired, recorded } = phase('focus', await focusOn(db, keycloak, full, await recordedGroups(db, scope), snapshot, scope, whole, people, options.timings));
    const io = { concurrency: options.concurrency ?? 8, bulk: options.bulk ?? true, progress: options.progress };
    const actual = phase('read', await readActual(db, keycloak, desired, recorded, io));
    const planned = phase('plan', plan(desired, actual));
    if (!options.dryRun) {
      const keptEnabled = phase('apply', await applyPlan(db, keycloak, planned, actual, io));
      await recordLoginStanding(db, desired.users.filter((user) => user.enabled !== undefined && !keptEnabled.has(user.personId)));
    }
    return planned;
  });
  const after = keycloak.counts();
  return { operations, calls: { reads: after.reads - before.reads, writes: after.writes - before.writes }, applied: !options.dryRun };
}

/**
 * Two reconciles of one organization must not interleave: one could apply a plan made before the
 * other's change and undo it (a revoked right coming back). Scoped runs lock their organizations'
 * buckets (256 of them, so a fiduciary's 1,000 clients stay within the lock table) and share the
 * "all" lock; a full run takes "all" alone. Locks are transaction-level: a killed worker frees them.
 */
async function withProjectionLocks<T>(db: pg.Pool, scope: Scope, work: () => Promise<T>): Promise<T> {
  return withTransaction(db, async (client) => {
    if ('all' in scope) await client.query(`SELECT pg_advisory_xact_lock(hashtext('procura.projection'), -1)`);
    else {
      await client.query(`SELECT pg_advisory_xact_lock_shared(hashtext('procura.projection'), -1)`);
      await client.query(
        `SELECT pg_advisory_xact_lock(hashtext('procura.projection'), bucket)
           FROM (SELECT DISTINCT hashtext(id) & 255 AS bucket FROM unnest($1::text[]) AS id) AS buckets
          ORDER BY bucket`, // volatile functions run after the sort: always the same order, no deadlock
        [scope.organizationIds],
      );
    }
    return work();
  });
}

type Expanded = { scope: Scope; whole: ReadonlySet<string> | undefined; people: ReadonlySet<string> };

/**
 * A mandate's groups sit under the client and hold the fiduciary's people: both sides go together.
 * `whole`: the organizations compared whole (`undefined`: everything); `people`: those whose groups
 * are compared in the rest of the scope.
 */
async function expandScope(db: pg.Pool, scope: Scope): Promise<Expanded> {
  if ('all' in scope) return { scope, whole: undefined, people: new Set() };
  const whole = await linkedOrganizations(db, scope.organizationIds);
  const narrowed = scope.people ? await linkedOrganizations(db, scope.people.organizationIds) : [];
  return { scope: { organizationIds: [...new Set([...whole, ...narrowed])] }, whole: new Set(whole), people: new Set(scope.people?.personIds ?? []) };
}

async function linkedOrganizations(db: pg.Pool, organizationIds: readonly string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT unnest($1::uuid[]) AS id
     UNION SELECT client_id FROM mandate WHERE fiduciary_id = ANY($1::uuid[]) AND client_id IS NOT NULL
     UNION SELECT fiduciary_id FROM mandate WHERE client_id = ANY($1::uuid[])`,
    [organizationIds],
  );
  return rows.map((r) => r.id);
}

/**
 * The desired state and recorded groups that this reconcile compares (decision 0018): all of a full
 * run; of a scoped run, every group of its `whole` organizations and the groups of its `people`
 * elsewhere (those Keycloak has them in are asked to the provider). The snapshot reaches further (a
 * fiduciary's other clients): their people are other scopes' business. When the provider cannot
 * say which groups people are in, their organizations are compared whole.
 */
async function focusOn(db: pg.Pool, keycloak: KeycloakAdmin, desired: DesiredState, recorded: Map<string, RecordedGroup>, snapshot: ModelSnapshot, scope: Scope, whole: ReadonlySet<string> | undefined, people: ReadonlySet<string>, timings?: ReconcileOptions['timings']): Promise<{ desired: DesiredState; recorded: Map<string, RecordedGroup> }> {
  if (!whole || 'all' in scope) return { desired, recorded };
  const actualKeysOfPeople = new Set<string>();
  let compared = whole;
  const part = stopwatch(timings, 'focus.');
  if (people.size > 0) {
    try {
      const userIds = await keycloakUserIds(db, [...people]);
      part('ids');
      const groupsOfUsers = await keycloak.groupsOfUsers([...userIds.values()]);
      part('provider');
      const keyOf = new Map([...recorded].map(([key, group]) => [group.keycloakId, key]));
      for (const groupIds of groupsOfUsers.values()) for (const id of groupIds) if (keyOf.has(id)) actualKeysOfPeople.add(keyOf.get(id)!);
    } catch (error) {
      if (!(error instanceof ProviderMissing)) throw error;
      compared = new Set(scope.organizationIds);
    }
  }
  const narrowed = narrow(desired, recorded, snapshot.memberships, { scope: new Set(scope.organizationIds), whole: compared, people, actualKeysOfPeople });
  part('narrow');
  return narrowed;
}

/** Tells `timings` the time since the previous lap (or since it was made), under `prefix` + the lap's name. */
function stopwatch(timings: ReconcileOptions['timings'], prefix = ''): (name: string) => void {
  let mark = performance.now();
  return (name) => {
    const now = performance.now();
    timings?.(`${prefix}${name}`, Math.round(now - mark));
    mark = now;
  };
}
