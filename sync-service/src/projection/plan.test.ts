import { describe, expect, it } from 'vitest';
import type { DesiredGroup, DesiredState } from './model.js';
import { namesToWrite, plan, type ActualGroup, type ActualState } from './plan.js';

const grant: DesiredGroup = {
  key: 'grant:org:a:employer-inbox:read',
  parentKey: 'org:a',
  organizationId: 'a',
  name: 'employer-inbox:read',
  attributes: { 'procura.kind': ['grant'] },
  clientRole: { clientId: 'svc-employer-inbox', role: 'read' },
  members: ['p1'],
};
const org: DesiredGroup = {
  key: 'org:a',
  parentKey: undefined,
  organizationId: 'a',
  name: 'CHE1',
  attributes: { 'procura.kind': ['organization'] },
  clientRole: undefined,
  members: [],
};
const desired: DesiredState = { groups: [org, grant], users: [{ personId: 'p1', email: 'lea@example.test', firstName: 'Léa', lastName: 'Favre' }] };

function actual(
  overrides: { grant?: Partial<ActualGroup>; user?: Partial<{ email: string; firstName: string; enabled: boolean }>; stale?: ActualState['stale'] } = {},
): ActualState {
  return {
    groups: new Map([
      ['org:a', { id: 'g-org', name: 'CHE1', parentId: null, attributes: { 'procura.kind': ['organization'] }, clientRoles: [], memberIds: [] }],
      [
        grant.key,
        {
          id: 'g-grant',
          name: grant.name,
          parentId: 'g-org',
          attributes: grant.attributes,
          clientRoles: [{ clientId: 'svc-employer-inbox', role: 'read' }],
          memberIds: ['u1'],
          ...overrides.grant,
        },
      ],
    ]),
    users: new Map([['p1', { id: 'u1', email: 'lea@example.test', firstName: 'Léa', lastName: 'Favre', ...overrides.user }]]),
    stale: overrides.stale ?? new Map(),
  };
}

describe('plan (pure diff)', () => {
  it('plans nothing when Keycloak already matches', () => {
    expect(plan(desired, actual())).toEqual([]);
  });

  it('creates what is missing: user first, then groups parents first, then role and member', () => {
    const empty: ActualState = { groups: new Map(), users: new Map(), stale: new Map() };
    expect(plan(desired, empty).map((op) => op.type)).toEqual(['createUser', 'createGroup', 'createGroup', 'addRole', 'addMember']);
  });

  it('removes members and role mappings added by hand, of any client', () => {
    const ops = plan(
      desired,
      actual({
        grant: {
          memberIds: ['u1', 'intruder'],
          clientRoles: [
            { clientId: 'svc-employer-inbox', role: 'read' },
            { clientId: 'svc-contributions', role: 'pay' },
          ],
        },
      }),
    );
    expect(ops).toEqual([
      { type: 'removeRole', key: grant.key, clientId: 'svc-contributions', role: 'pay' },
      { type: 'removeMember', key: grant.key, keycloakUserId: 'intruder' },
    ]);
  });

  it("R18: a departed person's account is disabled, and kept so; no account is made to be disabled; a returning one is enabled", () => {
    const departed: DesiredState = { ...desired, users: [{ ...desired.users[0]!, enabled: false }] };
    expect(plan(departed, actual({ user: { enabled: true } }))).toEqual([{ type: 'setEnabled', user: departed.users[0], enabled: false }]);
    expect(plan(departed, actual({ user: { enabled: false } }))).toEqual([]);
    expect(plan(departed, { groups: new Map(), users: new Map(), stale: new Map() }).filter((op) => op.type.endsWith('User'))).toEqual([]);
    const back: DesiredState = { ...desired, users: [{ ...desired.users[0]!, enabled: true }] };
    expect(plan(back, actual({ user: { enabled: false } })).map((op) => op.type)).toEqual(['setEnabled']);
    expect(plan(desired, actual({ user: { enabled: false } }))).toEqual([]); // disabled by an administrator: left so
  });

  it('R4: a changed e-mail or name updates the user', () => {
    expect(plan(desired, actual({ user: { email: 'old@example.test' } })).map((op) => op.type)).toEqual(['updateUser']);
    expect(plan(desired, actual({ user: { firstName: 'Lea' } })).map((op) => op.type)).toEqual(['updateUser']);
  });

  it('issue 16 item 3: an empty name of the model never blanks the name Keycloak has; a name of the model always wins', () => {
    const nameless: DesiredState = { ...desired, users: [{ ...desired.users[0]!, firstName: '', lastName: ' ' }] };
    expect(plan(nameless, actual())).toEqual([]);
    const moved = plan({ ...nameless, users: [{ ...nameless.users[0]!, email: 'new@example.test' }] }, actual());
    expect(moved).toEqual([{ type: 'updateUser', user: { personId: 'p1', email: 'new@example.test', firstName: 'Léa', lastName: 'Favre' } }]);
    expect(namesToWrite({ ...desired.users[0]!, firstName: 'Zoé' }, { firstName: 'Léa', lastName: '' })).toMatchObject({ firstName: 'Zoé', lastName: 'Favre' });
    expect(namesToWrite({ ...desired.users[0]!, lastName: '' }, { firstName: '', lastName: '' })).toMatchObject({ firstName: 'Léa', lastName: '' });
  });

  it('moves back a group moved by hand under another parent, or to the top level', () => {
    expect(plan(desired, actual({ grant: { parentId: 'g-elsewhere' } }))).toEqual([{ type: 'moveGroup', group: grant }]);
    expect(plan(desired, actual({ grant: { parentId: null } }))).toEqual([{ type: 'moveGroup', group: grant }]);
  });

  it('deletes stale groups deepest first', () => {
    const stale = new Map([
      ['unit:u', { keycloakId: 'k-unit', parentKey: 'org:a' }],
      ['grant:unit:u:employer-inbox:read', { keycloakId: 'k-grant', parentKey: 'unit:u' }],
    ]);
    expect(plan(desired, actual({ stale }))).toEqual([
      { type: 'deleteGroup', key: 'grant:unit:u:employer-inbox:read', keycloakId: 'k-grant' },
      { type: 'deleteGroup', key: 'unit:u', keycloakId: 'k-unit' },
    ]);
  });

  it('decision 0058: a subgroup the projection did not make is deleted last, after the stale ones', () => {
    const stale = new Map([['unit:u', { keycloakId: 'k-unit', parentKey: 'org:a' }]]);
    expect(plan(desired, { ...actual({ stale }), strays: [{ keycloakId: 'k-hand', name: 'contributions:pay', parentKey: 'org:a' }] })).toEqual([
      { type: 'deleteGroup', key: 'unit:u', keycloakId: 'k-unit' },
      { type: 'deleteStray', parentKey: 'org:a', name: 'contributions:pay', keycloakId: 'k-hand' },
    ]);
  });
});
