import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { withTransaction } from '../db/transaction.js';
import { desiredState } from './desired-state.js';
import { businessDay } from '../domain/business-day.js';
import { compareAndApply } from './compare.js';
import { reconcileAll } from './full-reconcile.js';
import type { DesiredState, ModelSnapshot } from './model.js';
import type { Operation } from './plan.js';
import { organizationsPerChunk, startRun, type ReconcileOptions, type ReconcileReport, type Run } from './run.js';
import { keycloakUserIds, loadSnapshot, recordedGroups, type OrganizationScope, type RecordedGroup, type Scope } from './store.js';
import { narrow } from './focus.js';

export type { ReconcileOptions, ReconcileReport } from './run.js';

/**
 * Makes Keycloak equal to what the model wants, within a scope: reads the desired state from
 * PostgreSQL, what Keycloak holds of it (by the ids kept in PostgreSQL), plans the writes and
 * applies them. A second run plans nothing. A 409 on create means "exists": the object is found
 * again and its id kept, and what it holds is compared by a second pass (decision 0072). Safe to
 * stop at any point: the next run starts from what is there. A full reconcile goes by chunks of
 * organizations (decision 0068).
 */
export async function reconcile(db: pg.Pool, keycloak: KeycloakAdmin, options: ReconcileOptions): Promise<ReconcileReport> {
  const before = keycloak.counts();
  const run = startRun(db, keycloak, options, options.today ?? businessDay());
  const keepOperations = options.keepOperations ?? true;
  const { scope } = options;
  const outcome = await withProjectionLocks(db, scope, async () => {
    const first =
      'all' in scope
        ? await reconcileAll(run, {
            chunkSize: Math.max(1, options.chunkSize ?? organizationsPerChunk),
            digests: run.io.bulk && (options.digests ?? true),
            keepOperations,
            progress: options.progress,
          })
        : await reconcileScope(run, scope, run.io.bulk && (options.digests ?? false));
    if (run.takenOver.size === 0) return first;
    // Groups found there already were taken for new and empty: what they hold is compared now, so
    // that one reconcile converges. Once: a group taken over again is the next run's business.
    const organizationIds = [...run.takenOver];
    run.takenOver.clear();
    const second = await reconcileScope(run, { organizationIds }, false);
    return { ...first, operations: keepOperations ? [...first.operations, ...second.operations] : [], changes: first.changes + second.changes };
  });
  run.flush();
  const after = keycloak.counts();
  return {
    operations: keepOperations ? outcome.operations : [],
    changes: outcome.changes,
    calls: { reads: after.reads - before.reads, writes: after.writes - before.writes },
    applied: !run.dryRun,
    ...(outcome.detailed === undefined ? {} : { detailed: outcome.detailed }),
  };
}

/**
 * A scoped reconcile (the outbox's batches, `reconcile --organization`): its organizations and
 * those linked to them, focused (decision 0018). Issue 20 item 2: PostgreSQL is read once, before
 * Keycloak (the scope, the model, the recorded groups and every user id together).
 */
async function reconcileScope(
  run: Run,
  requested: OrganizationScope,
  byDigests: boolean,
): Promise<{ operations: Operation[]; changes: number; detailed: number | undefined }> {
  const { scope, whole, people } = await expandScope(run.db, requested);
  const snapshot = await loadSnapshot(run.db, scope, run.today);
  const recorded = await recordedGroups(run.db, scope);
  const userIds = await keycloakUserIds(run.db, [...new Set([...snapshot.people.map((person) => person.id), ...people])]);
  run.lap('snapshot');
  const full = desiredState(snapshot);
  run.lap('desired');
  const focused = await focusOn(run, { desired: full, recorded, snapshot, userIds }, { scope, whole, people });
  run.lap('focus');
  const outcome = await compareAndApply(run, { ...focused, userIds, memberships: snapshot.memberships }, byDigests && people.size === 0);
  return { ...outcome, changes: outcome.operations.length };
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

type Expanded = { scope: OrganizationScope; whole: ReadonlySet<string>; people: ReadonlySet<string> };

/**
 * A mandate's groups sit under the client and hold the fiduciary's people: both sides go together.
 * `whole`: the organizations compared whole; `people`: those whose groups are compared in the rest
 * of the scope.
 */
async function expandScope(db: pg.Pool, scope: OrganizationScope): Promise<Expanded> {
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
 * The desired state and recorded groups that a scoped reconcile compares (decision 0018): every
 * group of its `whole` organizations and the groups of its `people` elsewhere (those Keycloak has
 * them in are asked to the provider). The snapshot reaches further (a fiduciary's other clients):
 * their people are other scopes' business. When the provider cannot say which groups people are
 * in, their organizations are compared whole.
 */
async function focusOn(
  run: Run,
  {
    desired,
    recorded,
    snapshot,
    userIds,
  }: { desired: DesiredState; recorded: Map<string, RecordedGroup>; snapshot: ModelSnapshot; userIds: ReadonlyMap<string, string> },
  { scope, whole, people }: Expanded,
): Promise<{ desired: DesiredState; recorded: Map<string, RecordedGroup> }> {
  const actualKeysOfPeople = new Set<string>();
  let compared = whole;
  const part = run.stopwatch('focus.');
  if (people.size > 0 && (await run.keycloak.provides('projection-state.groups-of-users'))) {
    const groupsOfUsers = await run.keycloak.groupsOfUsers([...people].flatMap((personId) => userIds.get(personId) ?? []));
    part('provider');
    const keyOf = new Map([...recorded].map(([key, group]) => [group.keycloakId, key]));
    for (const groupIds of groupsOfUsers.values()) for (const id of groupIds) if (keyOf.has(id)) actualKeysOfPeople.add(keyOf.get(id)!);
  } else if (people.size > 0) {
    // Without the provider's groups of users, the people's organizations are compared whole.
    compared = new Set(scope.organizationIds);
  }
  const narrowed = narrow(desired, recorded, snapshot.memberships, { scope: new Set(scope.organizationIds), whole: compared, people, actualKeysOfPeople });
  part('narrow');
  return narrowed;
}
