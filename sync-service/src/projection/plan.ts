import type { DesiredGroup, DesiredState, DesiredUser } from './model.js';

/** What Keycloak holds of the projected objects, read before planning. */
export interface ActualState {
  /** Recorded groups as found in Keycloak; absent = missing (never created, or deleted by hand). */
  readonly groups: ReadonlyMap<string, ActualGroup>;
  /** People's Keycloak accounts as found; absent = none yet, or deleted by hand. */
  readonly users: ReadonlyMap<string, ActualUser>;
  /** Groups recorded in PostgreSQL (in scope) that the model no longer wants: key → Keycloak id. */
  readonly stale: ReadonlyMap<string, { readonly keycloakId: string; readonly parentKey: string | null }>;
  /**
   * Subgroups found in Keycloak under the projected groups that the projection never recorded: made
   * by hand, or made after the backup a restored model comes from (decision 0058). Ours to delete;
   * absent when the read could not list subgroups (no provider).
   */
  readonly strays?: ReadonlyArray<{ readonly keycloakId: string; readonly name: string; readonly parentKey: string }>;
}

export interface ActualUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Read only for the users whose standing the model sets (`DesiredUser.enabled`); absent otherwise. */
  readonly enabled?: boolean;
}

export interface ActualGroup {
  readonly id: string;
  readonly name: string;
  /** Keycloak id of its parent group; null at the top level. */
  readonly parentId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Client roles mapped on the group (every client when read in bulk; the desired client's otherwise). */
  readonly clientRoles: ReadonlyArray<{ readonly clientId: string; readonly role: string }>;
  readonly memberIds: readonly string[];
}

export type Operation =
  | { readonly type: 'createUser'; readonly user: DesiredUser }
  | { readonly type: 'updateUser'; readonly user: DesiredUser }
  | { readonly type: 'setEnabled'; readonly user: DesiredUser; readonly enabled: boolean }
  | { readonly type: 'createGroup'; readonly group: DesiredGroup }
  | { readonly type: 'updateGroup'; readonly group: DesiredGroup }
  | { readonly type: 'moveGroup'; readonly group: DesiredGroup }
  | { readonly type: 'addRole'; readonly key: string; readonly clientId: string; readonly role: string }
  | { readonly type: 'removeRole'; readonly key: string; readonly clientId: string; readonly role: string }
  | { readonly type: 'addMember'; readonly key: string; readonly personId: string }
  | { readonly type: 'removeMember'; readonly key: string; readonly keycloakUserId: string }
  | { readonly type: 'deleteGroup'; readonly key: string; readonly keycloakId: string }
  /** A subgroup the projection did not make (`ActualState.strays`), with everything under it. */
  | { readonly type: 'deleteStray'; readonly parentKey: string; readonly name: string; readonly keycloakId: string };

/**
 * The writes that make Keycloak equal to the desired state: users first (a departed person's
 * disabled, decision 0047), then groups parents
 * first (a group moved by hand under another parent is moved back), their role mapping and
 * members, then stale groups deepest first, then subgroups the projection did not make. Pure; an empty plan
 * means nothing to write. Members unknown to the projection are removed: the groups are ours.
 */
export function plan(desired: DesiredState, actual: ActualState): Operation[] {
  const operations: Operation[] = [];
  const userIds = new Map<string, string>();
  for (const user of desired.users) {
    const found = actual.users.get(user.personId);
    // A departed person without an account keeps none: disabling needs no account made for it.
    if (!found && user.enabled !== false) operations.push({ type: 'createUser', user });
    if (found) {
      userIds.set(user.personId, found.id);
      const written = namesToWrite(user, found);
      const renamed = found.firstName !== written.firstName || found.lastName !== written.lastName;
      if (renamed || found.email.toLowerCase() !== user.email) operations.push({ type: 'updateUser', user: written });
      if (user.enabled !== undefined && found.enabled !== user.enabled) operations.push({ type: 'setEnabled', user, enabled: user.enabled });
    }
  }
  for (const group of desired.groups) {
    const found = actual.groups.get(group.key);
    if (!found) operations.push({ type: 'createGroup', group });
    else {
      if (found.name !== group.name || !sameAttributes(found.attributes, group.attributes)) operations.push({ type: 'updateGroup', group });
      if (found.parentId !== (group.parentKey ? (actual.groups.get(group.parentKey)?.id ?? null) : null)) operations.push({ type: 'moveGroup', group });
    }
    operations.push(...roleOperations(group, found), ...memberOperations(group, found, userIds));
  }
  const stale = [...actual.stale].sort(([a], [b]) => depth(b, actual.stale) - depth(a, actual.stale));
  for (const [key, { keycloakId }] of stale) operations.push({ type: 'deleteGroup', key, keycloakId });
  for (const stray of actual.strays ?? []) operations.push({ type: 'deleteStray', parentKey: stray.parentKey, name: stray.name, keycloakId: stray.keycloakId });
  return operations;
}

/**
 * Issue 16 item 3: the model is the source of the names, but an empty model name is not written:
 * Keycloak keeps the one it has (typed at a login, or by an administrator) rather than being blanked,
 * which would make its user profile ask again at the next login. A name in the model always wins.
 */
export function namesToWrite(user: DesiredUser, found: { readonly firstName: string; readonly lastName: string }): DesiredUser {
  return {
    ...user,
    firstName: user.firstName.trim() === '' ? found.firstName : user.firstName,
    lastName: user.lastName.trim() === '' ? found.lastName : user.lastName,
  };
}

/** A grant group maps exactly its one client role; any other mapping (made by hand) is removed. */
function roleOperations(group: DesiredGroup, found: ActualGroup | undefined): Operation[] {
  const wanted = group.clientRole;
  const present = found?.clientRoles ?? [];
  const isWanted = (r: { clientId: string; role: string }): boolean => wanted !== undefined && r.clientId === wanted.clientId && r.role === wanted.role;
  const operations: Operation[] = [];
  if (wanted && !present.some(isWanted)) operations.push({ type: 'addRole', key: group.key, clientId: wanted.clientId, role: wanted.role });
  for (const extra of present.filter((r) => !isWanted(r))) operations.push({ type: 'removeRole', key: group.key, clientId: extra.clientId, role: extra.role });
  return operations;
}

function memberOperations(group: DesiredGroup, found: ActualGroup | undefined, userIds: Map<string, string>): Operation[] {
  const present = new Set(found?.memberIds ?? []);
  const wanted = new Set<string>();
  const operations: Operation[] = [];
  for (const personId of group.members) {
    const userId = userIds.get(personId);
    if (userId) wanted.add(userId);
    if (!userId || !present.has(userId)) operations.push({ type: 'addMember', key: group.key, personId });
  }
  for (const userId of present) if (!wanted.has(userId)) operations.push({ type: 'removeMember', key: group.key, keycloakUserId: userId });
  return operations;
}

function sameAttributes(a: Readonly<Record<string, readonly string[]>>, b: Readonly<Record<string, readonly string[]>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const left = a[key] ?? [];
    const right = b[key] ?? [];
    if (left.length !== right.length || left.some((value, i) => value !== right[i])) return false;
  }
  return true;
}

function depth(key: string, stale: ActualState['stale']): number {
  let level = 0;
  for (let parent = stale.get(key)?.parentKey; parent && level < 64; parent = stale.get(parent)?.parentKey) level++;
  return level;
}

/** A plan in a few lines per kind of write, for `reconcile --dry-run`. */
export function describePlan(operations: readonly Operation[]): string[] {
  return operations.map((op) => {
    switch (op.type) {
      case 'createUser':
      case 'updateUser':
        return `${op.type} ${op.user.email}`;
      case 'setEnabled':
        return `${op.enabled ? 'enableUser' : 'disableUser'} ${op.user.email}`;
      case 'createGroup':
      case 'updateGroup':
      case 'moveGroup':
        return `${op.type} ${op.group.key} (${op.group.name})`;
      case 'addRole':
      case 'removeRole':
        return `${op.type} ${op.key} ${op.clientId}:${op.role}`;
      case 'addMember':
        return `addMember ${op.key} person ${op.personId}`;
      case 'removeMember':
        return `removeMember ${op.key} user ${op.keycloakUserId}`;
      case 'deleteGroup':
        return `deleteGroup ${op.key}`;
      case 'deleteStray':
        return `deleteStray ${op.parentKey} (${op.name}: not made by the projection)`;
    }
  });
}
