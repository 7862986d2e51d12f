import { describe, expect, it } from 'vitest';
import { desiredState } from './desired-state.js';
import { narrow } from './focus.js';
import type { DesiredState, ModelSnapshot } from './model.js';
import { plan, type ActualGroup, type ActualState, type Operation } from './plan.js';
import type { RecordedGroup } from './store.js';

/**
 * Decision 0018: a change about some people is reconciled on their groups only. These tests take a
 * Keycloak equal to the model, change the model, and check that the plan of the narrowed states is
 * the whole plan: nothing the change requires is left out, nothing else is touched.
 */
const world: ModelSnapshot = {
  today: '2026-11-22',
  organizations: [
    { id: 'a', identifier: 'CHE123456788', identifierKind: 'uid', legalName: 'Horlogerie Léman SA', type: 'employer', status: 'active' },
    { id: 'b', identifier: '73282931200014', identifierKind: 'siret', legalName: 'Boulangerie Dupont SAS', type: 'employer', status: 'active' },
    { id: 'f', identifier: 'CHE234567895', identifierKind: 'uid', legalName: 'Fiduciaire Alpes Conseil', type: 'fiduciary', status: 'active' },
  ],
  units: [{ id: 'u1', organizationId: 'a', parentUnitId: null, kind: 'branch', name: 'Succursale Lausanne' }],
  subscriptions: ['a', 'b'].map((organizationId) => ({ organizationId, serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: null })),
  people: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ({ id, email: `${id}@example.test`, givenName: id, familyName: 'Test' })),
  memberships: [
    { id: 'm1', personId: 'p1', organizationId: 'a', role: 'legal_representative', status: 'active', expiresOn: null },
    { id: 'm2', personId: 'p2', organizationId: 'a', role: 'member', status: 'active', expiresOn: null },
    { id: 'm5', personId: 'p5', organizationId: 'a', role: 'member', status: 'active', expiresOn: null },
    { id: 'm3', personId: 'p3', organizationId: 'f', role: 'member', status: 'active', expiresOn: null },
    { id: 'm4', personId: 'p4', organizationId: 'f', role: 'member', status: 'active', expiresOn: null },
    { id: 'm6', personId: 'p1', organizationId: 'b', role: 'manager', status: 'active', expiresOn: null },
  ],
  rights: [
    { membershipId: 'm1', serviceId: 'employer-inbox', rightId: 'read', unitId: null },
    { membershipId: 'm2', serviceId: 'employer-inbox', rightId: 'read', unitId: 'u1' },
    { membershipId: 'm5', serviceId: 'employer-inbox', rightId: 'reply', unitId: null },
  ],
  mandates: [{ id: 'md', fiduciaryId: 'f', clientId: 'b', status: 'active', validFrom: '2026-01-01', validUntil: null }],
  delegates: [{ mandateId: 'md', membershipId: 'm3' }],
  delegateRights: [{ mandateId: 'md', membershipId: 'm3', serviceId: 'employer-inbox', rightId: 'read' }],
};

/** Keycloak as the projection left it for `state`: every group and user, recorded with its id. */
function keycloakOf(state: DesiredState): { groups: Map<string, ActualGroup>; users: ActualState['users']; recorded: Map<string, RecordedGroup> } {
  const groups = new Map<string, ActualGroup>();
  for (const g of state.groups) {
    groups.set(g.key, {
      id: `k-${g.key}`,
      name: g.name,
      parentId: g.parentKey ? `k-${g.parentKey}` : null,
      attributes: g.attributes,
      clientRoles: g.clientRole ? [g.clientRole] : [],
      memberIds: g.members.map((p) => `u-${p}`),
    });
  }
  const users = new Map(state.users.map((u) => [u.personId, { id: `u-${u.personId}`, email: u.email, firstName: u.firstName, lastName: u.lastName }]));
  const recorded = new Map(
    state.groups.map((g) => [g.key, { key: g.key, keycloakId: `k-${g.key}`, parentKey: g.parentKey ?? null, organizationId: g.organizationId }]),
  );
  return { groups, users, recorded };
}

/** What the reconciler reads of `desired` (as readActual does), and its plan. */
function planFor(desired: DesiredState, keycloak: ReturnType<typeof keycloakOf>, recorded: ReadonlyMap<string, RecordedGroup>): Operation[] {
  const wanted = new Set(desired.groups.map((g) => g.key));
  const actual: ActualState = {
    groups: new Map(desired.groups.flatMap((g) => (recorded.has(g.key) && keycloak.groups.has(g.key) ? [[g.key, keycloak.groups.get(g.key)!] as const] : []))),
    users: new Map(desired.users.flatMap((u) => (keycloak.users.has(u.personId) ? [[u.personId, keycloak.users.get(u.personId)!] as const] : []))),
    stale: new Map([...recorded].filter(([key]) => !wanted.has(key)).map(([key, r]) => [key, { keycloakId: r.keycloakId, parentKey: r.parentKey }])),
  };
  return plan(desired, actual);
}

/** The narrowed plan of a change about `people`, in a scope of `scope`, next to the whole plan. */
function plans(change: Partial<ModelSnapshot>, people: string[], scope: string[], keycloak = keycloakOf(desiredState(world))) {
  const after = { ...world, ...change };
  const desired = desiredState(after);
  const whole = planFor(desired, keycloak, keycloak.recorded);
  const ids = new Set(people.map((p) => `u-${p}`));
  const actualKeysOfPeople = new Set([...keycloak.groups].filter(([, g]) => g.memberIds.some((id) => ids.has(id))).map(([key]) => key));
  const inScope = new Map([...keycloak.recorded].filter(([, r]) => scope.includes(r.organizationId)));
  const narrowed = narrow(desired, inScope, after.memberships, { scope: new Set(scope), whole: new Set(), people: new Set(people), actualKeysOfPeople });
  return { whole, narrowed: planFor(narrowed.desired, keycloak, narrowed.recorded), groups: narrowed.desired.groups.length };
}

describe('narrowed reconcile (decision 0018): the plan of a change about some people', () => {
  it('R15: a right granted plans exactly the whole plan, and reads a fraction of the groups', () => {
    const { whole, narrowed, groups } = plans(
      { rights: [...world.rights, { membershipId: 'm2', serviceId: 'employer-inbox', rightId: 'reply', unitId: null }] },
      ['p2'],
      ['a'],
    );
    expect(whole.map((op) => op.type)).toEqual(['addMember']);
    expect(narrowed).toEqual(whole);
    expect(groups).toBeLessThan(desiredState(world).groups.filter((g) => g.organizationId === 'a').length);
  });

  it('R18: a member deactivated leaves every group, and the groups only they held are deleted', () => {
    const { whole, narrowed } = plans(
      { memberships: world.memberships.map((m) => (m.id === 'm1' ? { ...m, status: 'deactivated' as const } : m)) },
      ['p1'],
      ['a'],
    );
    expect(whole.map((op) => op.type).sort()).toEqual(['deleteGroup', 'deleteGroup']);
    expect(narrowed).toEqual(whole);
  });

  it('R14: a role changed moves the person from one role group to another', () => {
    const { whole, narrowed } = plans({ memberships: world.memberships.map((m) => (m.id === 'm2' ? { ...m, role: 'manager' as const } : m)) }, ['p2'], ['a']);
    expect(whole.map((op) => op.type)).toEqual(['createGroup', 'addMember', 'removeMember']);
    expect(narrowed).toEqual(whole);
  });

  it('R25, R26: a mandate delegate added with a right joins the mandate group and its grant group', () => {
    const { whole, narrowed } = plans(
      {
        delegates: [...world.delegates, { mandateId: 'md', membershipId: 'm4' }],
        delegateRights: [...world.delegateRights, { mandateId: 'md', membershipId: 'm4', serviceId: 'employer-inbox', rightId: 'read' }],
      },
      ['p4'],
      ['f', 'b'],
    );
    expect(whole.map((op) => op.type)).toEqual(['addMember', 'addMember']);
    expect(narrowed).toEqual(whole);
  });

  it('R27: the last delegate removed takes the mandate group and its grant group away, deepest first', () => {
    const { whole, narrowed } = plans({ memberships: world.memberships.filter((m) => m.id !== 'm3'), delegates: [], delegateRights: [] }, ['p3'], ['f', 'b']);
    expect(whole).toEqual([
      { type: 'removeMember', key: 'role:f:member', keycloakUserId: 'u-p3' },
      { type: 'deleteGroup', key: 'grant:mandate:md:employer-inbox:read', keycloakId: 'k-grant:mandate:md:employer-inbox:read' },
      { type: 'deleteGroup', key: 'mandate:md', keycloakId: 'k-mandate:md' },
    ]);
    expect(narrowed).toEqual(whole);
  });

  it('R13: a right on a unit withdrawn deletes its grant group; a new person gets an account and a role', () => {
    expect(plans({ rights: world.rights.filter((r) => r.membershipId !== 'm2') }, ['p2'], ['a']).narrowed.map((op) => op.type)).toEqual(['deleteGroup']);
    const people = [...world.people, { id: 'p9', email: 'p9@example.test', givenName: 'Neu', familyName: 'Test' }];
    const memberships = [
      ...world.memberships,
      { id: 'm9', personId: 'p9', organizationId: 'a', role: 'observer' as const, status: 'active' as const, expiresOn: null },
    ];
    const { whole, narrowed } = plans({ people, memberships }, ['p9'], ['a']);
    expect(whole.map((op) => op.type)).toEqual(['createUser', 'createGroup', 'addMember']);
    expect(narrowed).toEqual(whole);
  });

  it("repairs a person's drift in any group of the scope, and leaves other people's drift to a whole run", () => {
    const keycloak = keycloakOf(desiredState(world));
    const grant = 'grant:org:a:employer-inbox:reply';
    keycloak.groups.set(grant, { ...keycloak.groups.get(grant)!, memberIds: ['u-p5', 'u-p2', 'u-p3'] });
    const { whole, narrowed } = plans({}, ['p2'], ['a'], keycloak);
    expect(whole).toEqual([
      { type: 'removeMember', key: grant, keycloakUserId: 'u-p2' },
      { type: 'removeMember', key: grant, keycloakUserId: 'u-p3' },
    ]);
    // The narrowed plan is the whole plan on the groups it covers: that group, p3 included.
    expect(narrowed).toEqual(whole);
    expect(plans({}, ['p1'], ['a'], keycloak).narrowed).toEqual([]);
  });
});
