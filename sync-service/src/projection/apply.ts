import type pg from 'pg';
import type { ChangeResult, KeycloakAdmin, ProjectionChange } from '../adapters/keycloak/index.js';
import { KeycloakConflict } from '../errors.js';
import { operatorRole } from '../auth/bearer.js';
import { endSessionsOf } from '../auth/sessions.js';
import { forEachLimit } from './concurrency.js';
import type { DesiredGroup, DesiredUser } from './model.js';
import type { ActualState, Operation } from './plan.js';
import { forgetGroup, recordGroups, recordKeycloakUserIds, type RecordedGroup } from './store.js';
import { refuse } from '../error-codes/refuse.js';

export interface ApplyOptions {
  /** Parallel admin calls, one by one and for renames; bulk calls go two at a time. */
  readonly concurrency: number;
  /** Through the provider's bulk endpoint when it is there (default), else one admin call per write. */
  readonly bulk: boolean;
  readonly progress: ((done: number, total: number, phase: 'read' | 'write') => void) | undefined;
}

/**
 * Changes per bulk call. Keycloak's cost per change grows with its transaction's size: measured on
 * 2 cores, 2,000 groups created then linked took 1.0–2.0 ms a change in calls of 100 or 200,
 * 3.7 ms in calls of 1,000 and up to 7 ms in one call of 2,000 (the provider's bound).
 */
export const changesPerCall = 200;

type Ids = {
  readonly groups: Map<string, string>;
  readonly users: Map<string, string>;
  /** The organizations of groups that were found there already and taken over. */
  readonly takenOver: Set<string>;
};
type Link = Extract<Operation, { type: 'addRole' | 'removeRole' | 'addMember' | 'removeMember' }>;

/**
 * Applies a plan: users, then groups level by level (a child needs its parent's id) and moves,
 * then role mappings and members, then stale groups deepest first, then the subgroups the projection
 * did not make. In bulk, creations and links go in
 * batches of {@link changesPerCall} changes per call to the provider's endpoint (one Keycloak
 * transaction each); renames, moves and deletions, rare, stay on the admin API.
 */
export async function applyPlan(
  db: pg.Pool,
  keycloak: KeycloakAdmin,
  operations: readonly Operation[],
  actual: ActualState,
  options: ApplyOptions,
): Promise<{ keptEnabled: Set<string>; takenOver: Set<string> }> {
  const keptEnabled = new Set<string>();
  const ids: Ids = {
    groups: new Map([...actual.groups].map(([key, group]) => [key, group.id])),
    users: new Map([...actual.users].map(([personId, user]) => [personId, user.id])),
    takenOver: new Set(),
  };
  if (operations.length === 0) return { keptEnabled, takenOver: ids.takenOver };
  let done = 0;
  const step = (count = 1): void => {
    done += count;
    options.progress?.(done, operations.length, 'write');
  };
  const writer = options.bulk ? await bulkWriter(db, keycloak, ids, step) : undefined;
  const write = writer ?? oneByOneWriter(db, keycloak, ids, options.concurrency, step);
  const [first = [], ...groupLevels] = structuralLevels(operations);
  await forEachLimit(
    first.filter((op) => op.type !== 'createUser'),
    options.concurrency,
    async (op) => {
      if (op.type === 'updateUser') await keycloak.updateUser(ids.users.get(op.user.personId)!, op.user);
      if (op.type === 'updateGroup') await keycloak.updateGroup(ids.groups.get(op.group.key)!, op.group);
      step();
    },
  );
  await write.users(first.flatMap((op) => (op.type === 'createUser' ? [op.user] : [])));
  await forEachLimit(
    operations.filter((op) => op.type === 'setEnabled'),
    options.concurrency,
    async (op) => {
      if (!(await setStanding(db, keycloak, op.user.personId, ids.users.get(op.user.personId)!, op.enabled))) keptEnabled.add(op.user.personId);
      step();
    },
  );
  for (const level of groupLevels) await write.groups(level.flatMap((op) => (op.type === 'createGroup' ? [op.group] : [])));
  // Moves after creations: a group moved by hand may go back under a parent that was just recreated.
  await forEachLimit(
    operations.filter((op) => op.type === 'moveGroup'),
    options.concurrency,
    async (op) => {
      await keycloak.moveGroup(ids.groups.get(op.group.key)!, op.group.name, parentIdOf(op.group, ids) ?? undefined);
      step();
    },
  );
  await write.links(
    operations.filter((op): op is Link => op.type === 'addRole' || op.type === 'removeRole' || op.type === 'addMember' || op.type === 'removeMember'),
  );
  for (const op of operations) {
    if (op.type !== 'deleteGroup') continue;
    await keycloak.deleteGroup(op.keycloakId);
    await forgetGroup(db, op.key);
    step();
  }
  // Decision 0058: a subgroup the projection did not make goes with what it holds (its members, its roles).
  for (const op of operations) {
    if (op.type !== 'deleteStray') continue;
    await keycloak.deleteGroup(op.keycloakId);
    step();
  }
  return { keptEnabled, takenOver: ids.takenOver };
}

/**
 * Issue 16 item 5 (decision 0047): a departed person's account is disabled, then every Keycloak
 * session of it ends (a refresh token stops working at once) and so does every console session;
 * a returning person's account is enabled again. An account of the operator's staff keeps its
 * login: the person is not departed (false: left enabled).
 */
async function setStanding(db: pg.Pool, keycloak: KeycloakAdmin, personId: string, userId: string, enabled: boolean): Promise<boolean> {
  if (!enabled && (await keycloak.holdsRealmRole(userId, operatorRole))) {
    await db.query('UPDATE person SET departed_at = NULL, departed_from = NULL WHERE id = $1', [personId]);
    return false;
  }
  await keycloak.setUserEnabled(userId, enabled);
  if (!enabled) {
    await keycloak.logoutUser(userId);
    await endSessionsOf(db, personId);
  }
  return true;
}

interface Writer {
  users(users: readonly DesiredUser[]): Promise<void>;
  groups(groups: readonly DesiredGroup[]): Promise<void>;
  links(links: readonly Link[]): Promise<void>;
}

/** Batches through the provider's endpoint; `undefined` when this Keycloak has no Procura provider. */
async function bulkWriter(db: pg.Pool, keycloak: KeycloakAdmin, ids: Ids, step: (count?: number) => void): Promise<Writer | undefined> {
  if (!(await keycloak.provides('projection-changes'))) return undefined;
  const send = async <T>(
    items: readonly T[],
    change: (item: T) => ProjectionChange,
    done: (items: readonly T[], results: ChangeResult[]) => Promise<void>,
  ): Promise<void> => {
    const batches: T[][] = [];
    for (let i = 0; i < items.length; i += changesPerCall) batches.push(items.slice(i, i + changesPerCall));
    // Two batches at a time: each is one transaction in Keycloak, and Keycloak has the machine's cores.
    await forEachLimit(batches, 2, async (batch) => {
      await done(batch, await keycloak.applyProjectionChanges(batch.map(change)));
      step(batch.length);
    });
  };
  const writer: Writer = {
    users: (users) =>
      send(
        users,
        (u) => ({ type: 'createUser', email: u.email, firstName: u.firstName, lastName: u.lastName }),
        async (batch, results) => {
          const created = batch.map((user, i) => ({ personId: user.personId, keycloakId: resultId(results[i]!) }));
          await recordKeycloakUserIds(db, created);
          for (const { personId, keycloakId } of created) ids.users.set(personId, keycloakId);
        },
      ),
    groups: (groups) =>
      send(
        groups,
        (g) => ({ type: 'createGroup', parentId: parentIdOf(g, ids), name: g.name, attributes: g.attributes }),
        async (batch, results) => {
          const recorded: RecordedGroup[] = [];
          for (const [i, group] of batch.entries()) {
            const result = results[i]!;
            if (result.kind === 'existed') {
              await takeOver(keycloak, group, result.id, result.attributes);
              ids.takenOver.add(group.organizationId);
            }
            recorded.push({ key: group.key, keycloakId: resultId(result), parentKey: group.parentKey ?? null, organizationId: group.organizationId });
          }
          await recordGroups(db, recorded);
          for (const group of recorded) ids.groups.set(group.key, group.keycloakId);
        },
      ),
    links: (links) =>
      send(
        links,
        (op) => linkChange(op, ids),
        async () => {},
      ),
  };
  return writer;
}

/** One admin API call per write, `concurrency` at a time: Keycloak without the provider, and the benchmark's naive baseline. */
function oneByOneWriter(db: pg.Pool, keycloak: KeycloakAdmin, ids: Ids, concurrency: number, step: () => void): Writer {
  return {
    users: (users) =>
      forEachLimit(users, concurrency, async (user) => {
        ids.users.set(user.personId, await createUser(db, keycloak, user));
        step();
      }),
    groups: (groups) =>
      forEachLimit(groups, concurrency, async (group) => {
        ids.groups.set(group.key, await createGroup(db, keycloak, group, ids));
        step();
      }),
    links: (links) =>
      forEachLimit(links, concurrency, async (op) => {
        const change = linkChange(op, ids);
        if (change.type === 'addRole' || change.type === 'removeRole') {
          const [uuid, role] = await Promise.all([keycloak.clientUuid(change.clientId), keycloak.clientRole(change.clientId, change.role)]);
          if (change.type === 'addRole') await keycloak.addGroupClientRole(change.groupId, uuid, role);
          else await keycloak.removeGroupClientRole(change.groupId, uuid, role);
        }
        if (change.type === 'addMember') await keycloak.addUserToGroup(change.userId, change.groupId);
        if (change.type === 'removeMember') await keycloak.removeUserFromGroup(change.userId, change.groupId);
        step();
      }),
  };
}

function linkChange(op: Link, ids: Ids): ProjectionChange {
  const groupId = ids.groups.get(op.key)!;
  if (op.type === 'addRole' || op.type === 'removeRole') return { type: op.type, groupId, clientId: op.clientId, role: op.role };
  if (op.type === 'addMember') return { type: 'addMember', groupId, userId: ids.users.get(op.personId)! };
  return { type: 'removeMember', groupId, userId: op.keycloakUserId };
}

function resultId(result: ChangeResult): string {
  if (result.kind === 'applied') throw new Error('a creation answered without an id');
  return result.id;
}

function parentIdOf(group: DesiredGroup, ids: Ids): string | null {
  if (!group.parentKey) return null;
  const parentId = ids.groups.get(group.parentKey);
  if (!parentId) throw new Error(`group ${group.key}: its parent ${group.parentKey} was not created`);
  return parentId;
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
  const levels: Array<Operation[] | undefined> = [[]];
  for (const op of operations) {
    if (op.type === 'createUser' || op.type === 'updateUser' || op.type === 'updateGroup') levels[0]!.push(op);
    if (op.type === 'createGroup') (levels[depth(op.group) + 1] ??= []).push(op);
  }
  return levels.filter((level) => level !== undefined);
}

async function createUser(db: pg.Pool, keycloak: KeycloakAdmin, user: DesiredUser): Promise<string> {
  let id: string;
  try {
    id = (await keycloak.createUser({ email: user.email, givenName: user.firstName, familyName: user.lastName, enabled: true, emailVerified: false })).id;
  } catch (error) {
    if (!(error instanceof KeycloakConflict)) throw error;
    const existing = await keycloak.findUserByEmail(user.email);
    if (!existing) throw error;
    id = existing.id;
  }
  await recordKeycloakUserIds(db, [{ personId: user.personId, keycloakId: id }]);
  return id;
}

async function createGroup(db: pg.Pool, keycloak: KeycloakAdmin, group: DesiredGroup, ids: Ids): Promise<string> {
  const parentId = parentIdOf(group, ids) ?? undefined;
  let id: string;
  try {
    id = (await keycloak.createGroup({ name: group.name, parentId, attributes: group.attributes })).id;
  } catch (error) {
    if (!(error instanceof KeycloakConflict)) throw error;
    const existing = await keycloak.findGroupByName(parentId, group.name);
    if (!existing) throw error;
    await takeOver(keycloak, group, existing.id, existing.attributes, error);
    ids.takenOver.add(group.organizationId);
    id = existing.id;
  }
  await recordGroups(db, [{ key: group.key, keycloakId: id, parentKey: group.parentKey ?? null, organizationId: group.organizationId }]);
  return id;
}

/**
 * A group of the wanted name was there already. It is ours only when it stands for the same object
 * (a run killed between create and record): same kind, and same id or same organization; then it
 * gets the wanted attributes. Otherwise (a SIREN equal to an affiliate number, a group made by hand)
 * it is never taken over.
 */
async function takeOver(
  keycloak: KeycloakAdmin,
  group: DesiredGroup,
  id: string,
  found: Readonly<Record<string, readonly string[]>>,
  cause?: unknown,
): Promise<void> {
  const same = (key: string): boolean => (found[key]?.[0] ?? null) === (group.attributes[key]?.[0] ?? null);
  if (!(same('procura.kind') && same('procura.id') && same('procura.organization'))) {
    throw refuse('projection.name_taken', { group: group.name }, { cause });
  }
  await keycloak.updateGroup(id, group);
}
