import type pg from 'pg';
import type { CallCounts, KeycloakAdmin } from '../adapters/keycloak/index.js';
import { withTransaction } from '../db/transaction.js';
import { AppError, KeycloakConflict } from '../errors.js';
import { desiredState } from './desired-state.js';
import { readActual } from './actual-state.js';
import { businessDay } from './business-day.js';
import { forEachLimit } from './concurrency.js';
import type { DesiredGroup, DesiredState } from './model.js';
import { plan, type ActualState, type Operation } from './plan.js';
import { forgetGroup, loadSnapshot, recordGroup, recordKeycloakUserId, recordedGroups, type Scope } from './store.js';

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
  /** Parallel admin calls when reading and writing members. */
  readonly concurrency?: number;
  readonly progress?: (done: number, total: number, phase: 'read' | 'write') => void;
  /** Told how long each phase took (snapshot, desired, read, plan, apply), for benchmarks and logs. */
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
  const scope = await expandScope(db, options.scope);
  let mark = performance.now();
  const phase = <T>(name: string, value: T): T => {
    const now = performance.now();
    options.timings?.(name, Math.round(now - mark));
    mark = now;
    return value;
  };
  const operations = await withProjectionLocks(db, scope, async () => {
    const snapshot = phase('snapshot', await loadSnapshot(db, scope, options.today ?? businessDay()));
    const desired = phase('desired', inScope(desiredState(snapshot), scope));
    const recorded = await recordedGroups(db, scope);
    const concurrency = options.concurrency ?? 8;
    const actual = phase('read', await readActual(db, keycloak, desired, recorded, concurrency, options.progress));
    const planned = phase('plan', plan(desired, actual));
    if (!options.dryRun) phase('apply', await apply(db, keycloak, planned, actual, concurrency, options.progress));
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

/** A mandate's groups sit under the client and hold the fiduciary's people: both sides go together. */
async function expandScope(db: pg.Pool, scope: Scope): Promise<Scope> {
  if ('all' in scope) return scope;
  const { rows } = await db.query<{ id: string }>(
    `SELECT unnest($1::uuid[]) AS id
     UNION SELECT client_id FROM mandate WHERE fiduciary_id = ANY($1::uuid[])
     UNION SELECT fiduciary_id FROM mandate WHERE client_id = ANY($1::uuid[])`,
    [scope.organizationIds],
  );
  return { organizationIds: rows.map((r) => r.id) };
}

function inScope(state: DesiredState, scope: Scope): DesiredState {
  if ('all' in scope) return state;
  const ids = new Set(scope.organizationIds);
  return { groups: state.groups.filter((g) => ids.has(g.organizationId)), users: state.users };
}

async function apply(db: pg.Pool, keycloak: KeycloakAdmin, operations: readonly Operation[], actual: ActualState, concurrency: number, progress: ReconcileOptions['progress']): Promise<void> {
  const groupIds = new Map([...actual.groups].map(([key, group]) => [key, group.id]));
  const userIds = new Map([...actual.users].map(([personId, user]) => [personId, user.id]));
  let done = 0;
  const step = (): void => progress?.(++done, operations.length, 'write');
  // Users, then groups level by level (a child needs its parent's id), each level in parallel;
  // role mappings and members after, in parallel.
  for (const level of structuralLevels(operations)) {
    await forEachLimit(level, concurrency, async (op) => {
      if (op.type === 'createUser') userIds.set(op.user.personId, await createUser(db, keycloak, op.user));
      if (op.type === 'updateUser') await keycloak.updateUser(userIds.get(op.user.personId)!, op.user);
      if (op.type === 'createGroup') groupIds.set(op.group.key, await createGroup(db, keycloak, op.group, groupIds));
      if (op.type === 'updateGroup') await keycloak.updateGroup(groupIds.get(op.group.key)!, op.group);
      step();
    });
  }
  const links = operations.filter((op) => op.type === 'addRole' || op.type === 'removeRole' || op.type === 'addMember' || op.type === 'removeMember');
  await forEachLimit(links, concurrency, async (op) => {
    if (op.type === 'addRole' || op.type === 'removeRole') {
      const [uuid, role] = await Promise.all([keycloak.clientUuid(op.clientId), keycloak.clientRole(op.clientId, op.role)]);
      if (op.type === 'addRole') await keycloak.addGroupClientRole(groupIds.get(op.key)!, uuid, role);
      else await keycloak.removeGroupClientRole(groupIds.get(op.key)!, uuid, role);
    }
    if (op.type === 'addMember') await keycloak.addUserToGroup(userIds.get(op.personId)!, groupIds.get(op.key)!);
    if (op.type === 'removeMember') await keycloak.removeUserFromGroup(op.keycloakUserId, groupIds.get(op.key)!);
    step();
  });
  for (const op of operations) {
    if (op.type !== 'deleteGroup') continue;
    await keycloak.deleteGroup(op.keycloakId);
    await forgetGroup(db, op.key);
    step();
  }
}

/** Users and updates first, then group creations by depth: every parent exists before its children. */
function structuralLevels(operations: readonly Operation[]): Operation[][] {
  const created = new Map<string, DesiredGroup>();
  for (const op of operations) if (op.type === 'createGroup') created.set(op.group.key, op.group);
  const depth = (group: DesiredGroup): number => {
    let level = 0;
    for (let parent = group.parentKey; parent && created.has(parent); parent = created.get(parent)!.parentKey) level++;
    return level;
  };
  const levels: Operation[][] = [[]];
  for (const op of operations) {
    if (op.type === 'createUser' || op.type === 'updateUser' || op.type === 'updateGroup') levels[0]!.push(op);
    if (op.type === 'createGroup') (levels[depth(op.group) + 1] ??= []).push(op);
  }
  return levels.filter((level) => level !== undefined && level.length > 0);
}

async function createUser(db: pg.Pool, keycloak: KeycloakAdmin, user: DesiredState['users'][number]): Promise<string> {
  let id: string;
  try {
    id = (await keycloak.createUser({ email: user.email, givenName: user.firstName, familyName: user.lastName, enabled: true, emailVerified: false })).id;
  } catch (error) {
    if (!(error instanceof KeycloakConflict)) throw error;
    const existing = await keycloak.findUserByEmail(user.email);
    if (!existing) throw error;
    id = existing.id;
  }
  await recordKeycloakUserId(db, user.personId, id);
  return id;
}

/**
 * After a 409, the group found by name is ours only when it stands for the same object (a run
 * killed between create and record): same kind, and same id or same organization. Otherwise
 * (a SIREN equal to an affiliate number, a group made by hand) it is never taken over.
 */
function sameProjectedObject(found: Readonly<Record<string, readonly string[]>>, wanted: Readonly<Record<string, readonly string[]>>): boolean {
  const same = (key: string): boolean => (found[key]?.[0] ?? null) === (wanted[key]?.[0] ?? null);
  return same('procura.kind') && same('procura.id') && same('procura.organization');
}

async function createGroup(db: pg.Pool, keycloak: KeycloakAdmin, group: DesiredGroup, groupIds: Map<string, string>): Promise<string> {
  const parentId = group.parentKey ? groupIds.get(group.parentKey) : undefined;
  if (group.parentKey && !parentId) throw new Error(`group ${group.key}: its parent ${group.parentKey} was not created`);
  let id: string;
  try {
    id = (await keycloak.createGroup({ name: group.name, parentId, attributes: group.attributes })).id;
  } catch (error) {
    if (!(error instanceof KeycloakConflict)) throw error;
    const existing = await keycloak.findGroupByName(parentId, group.name);
    if (!existing) throw error;
    if (!sameProjectedObject(existing.attributes, group.attributes)) {
      throw new AppError('projection.name_taken', 409, {
        fr: `Le groupe « ${group.name} » existe déjà dans Keycloak pour autre chose ; il n'est pas repris.`,
        en: `Group "${group.name}" already exists in Keycloak for something else; it is not taken over.`,
      }, { cause: error });
    }
    id = existing.id;
    await keycloak.updateGroup(id, group);
  }
  await recordGroup(db, { key: group.key, keycloakId: id, parentKey: group.parentKey ?? null, organizationId: group.organizationId });
  return id;
}
