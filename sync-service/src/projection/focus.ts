import type { DesiredState } from './model.js';
import type { RecordedGroup } from './store.js';

/**
 * What a scoped reconcile compares (decision 0018): every group of the `whole` organizations, and,
 * elsewhere in the scope, only the groups of `people`: those the model wants them in and those
 * Keycloak has them in. A change about some people (a membership, a role, a right, a delegation, a
 * name) changes only the member lists of such groups, and whether such a group exists at all.
 */
export interface Focus {
  /** The scope's organizations: groups of others (which the snapshot reaches) are never compared. */
  readonly scope: ReadonlySet<string>;
  /** Organizations compared whole: their groups, their members' accounts. */
  readonly whole: ReadonlySet<string>;
  /** People whose groups are compared in the rest of the scope. */
  readonly people: ReadonlySet<string>;
  /** Keys of the recorded groups Keycloak has `people` in (read by the caller). */
  readonly actualKeysOfPeople: ReadonlySet<string>;
}

/**
 * The part of the desired state and of the recorded groups that a focus covers. Closed under
 * parents (desired and recorded), so that a created group finds its parent's id and a group moved
 * by hand is seen; with every member of a covered group among the users, so that its members are
 * diffed by id. Hence the plan of the narrowed states is exactly the full plan's operations on the
 * covered groups and users (the unit tests check it). `memberships` are the scope's
 * (organization, person) pairs: the people of a whole organization are compared too. Pure.
 */
export function narrow(
  desired: DesiredState,
  recorded: ReadonlyMap<string, RecordedGroup>,
  memberships: ReadonlyArray<{ readonly organizationId: string; readonly personId: string }>,
  focus: Focus,
): { desired: DesiredState; recorded: Map<string, RecordedGroup> } {
  const keys = new Set<string>(focus.actualKeysOfPeople);
  for (const group of desired.groups) {
    if (!focus.scope.has(group.organizationId)) continue;
    if (focus.whole.has(group.organizationId) || group.members.some((personId) => focus.people.has(personId))) keys.add(group.key);
  }
  for (const [key, group] of recorded) if (focus.whole.has(group.organizationId)) keys.add(key);
  const parentOf = new Map<string, string | null | undefined>([...recorded].map(([key, group]) => [key, group.parentKey]));
  for (const group of desired.groups) parentOf.set(group.key, group.parentKey);
  const withAncestors = new Set<string>();
  for (const key of keys) {
    const recordedParent = recorded.get(key)?.parentKey;
    for (let k: string | null | undefined = key; k && !withAncestors.has(k); k = parentOf.get(k)) withAncestors.add(k);
    // A group moved (in the model) keeps its old parent in the record: both are covered.
    for (let k: string | null | undefined = recordedParent; k && !withAncestors.has(k); k = parentOf.get(k)) withAncestors.add(k);
  }
  const groups = desired.groups.filter((group) => withAncestors.has(group.key) && focus.scope.has(group.organizationId));
  const people = new Set(focus.people);
  for (const m of memberships) if (focus.whole.has(m.organizationId)) people.add(m.personId);
  for (const group of groups) for (const personId of group.members) people.add(personId);
  return {
    // A user whose login standing the model sets (decision 0047) is compared in any reconcile.
    desired: { groups, users: desired.users.filter((user) => people.has(user.personId) || user.enabled !== undefined) },
    recorded: new Map([...recorded].filter(([key]) => withAncestors.has(key))),
  };
}
