import type { ChildState, KeycloakAdmin } from '../adapters/keycloak/index.js';
import type { DesiredGroup, DesiredState } from './model.js';
import type { ActualGroup, ActualState, ActualUser } from './plan.js';
import { forEachLimit } from './concurrency.js';
import type { Run } from './run.js';
import type { RecordedGroup } from './store.js';

type Progress = Run['io']['progress'];

/**
 * What Keycloak holds of the desired groups and users: in one bulk call to the provider JAR's
 * endpoint, with the subgroups the projection did not make, or one admin call per object when the
 * provider is not installed (or `bulk` is off; then subgroups made elsewhere are not looked for).
 * `knownIds`: the Keycloak user ids of at least the desired users, read with the model. Reads
 * PostgreSQL only for subgroups whose parent is not in `recorded` (decision 0058's strays).
 */
export async function readActual(
  run: Run,
  desired: DesiredState,
  recorded: Map<string, RecordedGroup>,
  knownIds: ReadonlyMap<string, string>,
): Promise<ActualState> {
  const {
    keycloak,
    io: { concurrency, progress },
  } = run;
  const userIds = new Map(desired.users.flatMap((user) => (knownIds.has(user.personId) ? [[user.personId, knownIds.get(user.personId)!] as const] : [])));
  const wanted = new Set(desired.groups.map((g) => g.key));
  const stale = new Map([...recorded].filter(([key]) => !wanted.has(key)).map(([key, r]) => [key, { keycloakId: r.keycloakId, parentKey: r.parentKey }]));
  if (run.io.bulk && (await keycloak.provides('projection-state'))) {
    const read = await readInBulk(run, desired, recorded, userIds);
    return { ...read, users: await withStanding(keycloak, desired, read.users, concurrency), stale };
  }
  return { ...(await readOneByOne(keycloak, desired, recorded, userIds, { concurrency, progress })), stale };
}

async function readInBulk(
  { db, keycloak }: Run,
  desired: DesiredState,
  recorded: Map<string, RecordedGroup>,
  userIds: Map<string, string>,
): Promise<Omit<ActualState, 'stale'>> {
  const groupIds = desired.groups.flatMap((g) => recorded.get(g.key)?.keycloakId ?? []);
  // Nothing recorded to read (everything is to be created, or the digests found nothing to compare): no call.
  const state =
    groupIds.length === 0 && userIds.size === 0
      ? { groups: [], users: [], children: [] }
      : await keycloak.projectionState(groupIds, [...userIds.values()], groupIds);
  const groupsById = new Map(state.groups.map((g) => [g.id, g]));
  const usersById = new Map(state.users.map((u) => [u.id, u]));
  const groups = new Map<string, ActualGroup>();
  for (const group of desired.groups) {
    const found = groupsById.get(recorded.get(group.key)?.keycloakId ?? '');
    if (!found) continue;
    groups.set(group.key, {
      id: found.id,
      name: found.name,
      parentId: found.parentId,
      attributes: found.attributes,
      clientRoles: found.clientRoles,
      memberIds: found.memberIds,
    });
  }
  const users = new Map<string, ActualUser>();
  for (const [personId, id] of userIds) {
    const found = usersById.get(id);
    if (found) users.set(personId, found);
  }
  return { groups, users, strays: await straysAmong(db, desired, { groups, recorded }, state.children) };
}

/**
 * Decision 0058: the subgroups of projected groups that no projection recorded (in any scope: one
 * recorded by another organization's projection is that projection's, never a stray). One named like a
 * wanted group that is missing is left alone: creating that group finds it again and takes it over
 * when it stands for the same object (a run killed between Keycloak's answer and the record).
 * Issue 20 item 2: the children recorded in this run's scope are known; PostgreSQL is asked only
 * about the others (none, unless a stray or another organization's group hangs there).
 */
async function straysAmong(
  db: Run['db'],
  desired: DesiredState,
  { groups, recorded }: { groups: ReadonlyMap<string, ActualGroup>; recorded: ReadonlyMap<string, RecordedGroup> },
  children: readonly ChildState[],
): Promise<NonNullable<ActualState['strays']>> {
  const recordedIds = new Set([...recorded.values()].map((group) => group.keycloakId));
  const unknown = children.filter((child) => !recordedIds.has(child.id)).map((child) => child.id);
  if (unknown.length > 0) {
    const { rows } = await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE keycloak_id = ANY($1::text[])', [unknown]);
    for (const row of rows) recordedIds.add(row.keycloak_id);
  }
  const keyOfId = new Map([...groups].map(([key, group]) => [group.id, key]));
  const toCreate = new Set(desired.groups.filter((group) => !groups.has(group.key) && group.parentKey).map((group) => `${group.parentKey}\u0000${group.name}`));
  return children.flatMap((child) => {
    const parentKey = keyOfId.get(child.parentId);
    if (!parentKey || recordedIds.has(child.id) || toCreate.has(`${parentKey}\u0000${child.name}`)) return [];
    return [{ keycloakId: child.id, name: child.name, parentKey }];
  });
}

async function readOneByOne(
  keycloak: KeycloakAdmin,
  desired: DesiredState,
  recorded: Map<string, RecordedGroup>,
  userIds: Map<string, string>,
  { concurrency, progress }: { concurrency: number; progress: Progress },
): Promise<Omit<ActualState, 'stale'>> {
  const users = new Map<string, ActualUser>();
  const groups = new Map<string, ActualGroup>();
  const total = desired.users.length + desired.groups.length;
  let done = 0;
  await forEachLimit(desired.users, concurrency, async (user) => {
    const id = userIds.get(user.personId);
    const found = id ? await keycloak.getUser(id) : undefined;
    if (found) users.set(user.personId, found);
    progress?.(++done, total, 'read');
  });
  await forEachLimit(desired.groups, concurrency, async (group) => {
    const found = await readGroup(keycloak, group, recorded.get(group.key));
    if (found) groups.set(group.key, found);
    progress?.(++done, total, 'read');
  });
  return { groups, users };
}

/**
 * Issue 16 item 5: whether the accounts whose standing the model sets are enabled; the bulk read
 * does not say, so they are read one by one (departed people, and those coming back: a few).
 */
async function withStanding(
  keycloak: KeycloakAdmin,
  desired: DesiredState,
  read: ReadonlyMap<string, ActualUser>,
  concurrency: number,
): Promise<Map<string, ActualUser>> {
  const users = new Map(read);
  const concerned = desired.users.filter((user) => user.enabled !== undefined && users.has(user.personId));
  await forEachLimit(concerned, concurrency, async (user) => {
    const found = await keycloak.getUser(users.get(user.personId)!.id);
    if (found) users.set(user.personId, { ...users.get(user.personId)!, enabled: found.enabled });
    else users.delete(user.personId);
  });
  return users;
}

async function readGroup(keycloak: KeycloakAdmin, group: DesiredGroup, record: RecordedGroup | undefined): Promise<ActualGroup | undefined> {
  if (!record) return undefined;
  const found = await keycloak.getGroup(record.keycloakId);
  if (!found) return undefined;
  const [memberIds, roleNames] = await Promise.all([
    keycloak.groupMemberIds(found.id),
    group.clientRole ? keycloak.clientUuid(group.clientRole.clientId).then((uuid) => keycloak.groupClientRoles(found.id, uuid)) : Promise.resolve([]),
  ]);
  const clientRoles = roleNames.map((role) => ({ clientId: group.clientRole!.clientId, role }));
  return { id: found.id, name: found.name, parentId: found.parentId ?? null, attributes: found.attributes, clientRoles, memberIds };
}
