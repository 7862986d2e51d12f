import { describe, expect, it } from 'vitest';
import { businessDay } from '../domain/business-day.js';
import { desiredState, grantKey, mandateKey, orgKey, roleKey, unitKey } from './desired-state.js';
import type { ModelSnapshot } from './model.js';

const today = '2026-11-22';

function world(overrides: Partial<ModelSnapshot> = {}): ModelSnapshot {
  return {
    today,
    organizations: [
      { id: 'a', identifier: 'CHE123456788', identifierKind: 'uid', legalName: 'Horlogerie Léman SA', type: 'employer', status: 'active' },
      { id: 'b', identifier: '73282931200014', identifierKind: 'siret', legalName: 'Boulangerie Dupont SAS', type: 'employer', status: 'active' },
      { id: 'f', identifier: 'CHE234567895', identifierKind: 'uid', legalName: 'Fiduciaire Alpes Conseil', type: 'fiduciary', status: 'active' },
    ],
    units: [
      { id: 'u2', organizationId: 'a', parentUnitId: 'u1', kind: 'establishment', name: 'Atelier' },
      { id: 'u1', organizationId: 'a', parentUnitId: null, kind: 'branch', name: 'Succursale Lausanne' },
    ],
    subscriptions: [
      { organizationId: 'a', serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: null },
      { organizationId: 'b', serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: null },
    ],
    people: [
      { id: 'p1', email: ' Lea@Example.test ', givenName: 'Léa', familyName: 'Favre' },
      { id: 'p2', email: 'jean@example.test', givenName: 'Jean', familyName: 'Morel' },
      { id: 'p3', email: 'luc@example.test', givenName: 'Luc', familyName: 'Girard' },
    ],
    memberships: [
      { id: 'm1', personId: 'p1', organizationId: 'a', role: 'legal_representative', status: 'active', expiresOn: null },
      { id: 'm2', personId: 'p2', organizationId: 'a', role: 'member', status: 'active', expiresOn: null },
      { id: 'm3', personId: 'p3', organizationId: 'f', role: 'member', status: 'active', expiresOn: null },
    ],
    rights: [
      { membershipId: 'm1', serviceId: 'employer-inbox', rightId: 'read', unitId: null },
      { membershipId: 'm2', serviceId: 'employer-inbox', rightId: 'read', unitId: 'u1' },
    ],
    mandates: [{ id: 'md', fiduciaryId: 'f', clientId: 'b', status: 'active', validFrom: '2026-01-01', validUntil: null }],
    delegates: [{ mandateId: 'md', membershipId: 'm3' }],
    delegateRights: [{ mandateId: 'md', membershipId: 'm3', serviceId: 'employer-inbox', rightId: 'read' }],
    ...overrides,
  };
}

const group = (state: ReturnType<typeof desiredState>, key: string) => state.groups.find((g) => g.key === key);

describe('desired Keycloak state (pure projection)', () => {
  it('names the organization group by its identifier, with its attributes', () => {
    const state = desiredState(world());
    expect(group(state, orgKey('a'))).toMatchObject({ name: 'CHE123456788', parentKey: undefined, members: [] });
    expect(group(state, orgKey('a'))?.attributes['procura.legalName']).toEqual(['Horlogerie Léman SA']);
  });

  it('R8: nests unit groups, parents before children whatever the row order', () => {
    const state = desiredState(world());
    const keys = state.groups.map((g) => g.key);
    expect(group(state, unitKey('u2'))?.parentKey).toBe(unitKey('u1'));
    expect(keys.indexOf(unitKey('u1'))).toBeLessThan(keys.indexOf(unitKey('u2')));
    for (const g of state.groups) if (g.parentKey) expect(keys.indexOf(g.parentKey)).toBeLessThan(keys.indexOf(g.key));
  });

  it('R21: a role group per role in use holds the people acting in that role', () => {
    const state = desiredState(world());
    expect(group(state, roleKey('a', 'legal_representative'))).toMatchObject({ name: 'role:legal_representative', members: ['p1'] });
    expect(group(state, roleKey('a', 'observer'))).toBeUndefined();
  });

  it('R8, R15: a right for the whole organization and a right limited to a unit map the service client role', () => {
    const state = desiredState(world());
    expect(group(state, grantKey(orgKey('a'), 'employer-inbox', 'read'))).toMatchObject({
      parentKey: orgKey('a'),
      members: ['p1'],
      clientRole: { clientId: 'svc-employer-inbox', role: 'read' },
    });
    const unitGrant = group(state, grantKey(unitKey('u1'), 'employer-inbox', 'read'));
    expect(unitGrant).toMatchObject({ members: ['p2'] });
    expect(unitGrant?.attributes['procura.unit']).toEqual(['u1']);
    expect(unitGrant?.attributes['procura.organization']).toEqual(['CHE123456788']);
  });

  it('R25: a mandate is a group under the client, its grants carry the fiduciary it comes through', () => {
    const state = desiredState(world());
    expect(group(state, mandateKey('md'))).toMatchObject({ parentKey: orgKey('b'), name: 'mandate:CHE234567895', members: ['p3'] });
    const grant = group(state, grantKey(mandateKey('md'), 'employer-inbox', 'read'));
    expect(grant?.attributes['procura.organization']).toEqual(['73282931200014']);
    expect(grant?.attributes['procura.via']).toEqual(['CHE234567895']);
    expect(grant?.organizationId).toBe('b');
  });

  it('R15: rights on a service the organization has not subscribed (or no longer) give nothing', () => {
    const state = desiredState(world({ subscriptions: [{ organizationId: 'a', serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: '2026-06-30' }] }));
    expect(state.groups.filter((g) => g.key.startsWith('grant:'))).toEqual([]);
  });

  it('R18, R19: a deactivated or expired membership holds no role and no right', () => {
    const state = desiredState(
      world({
        memberships: [
          { id: 'm1', personId: 'p1', organizationId: 'a', role: 'legal_representative', status: 'deactivated', expiresOn: null },
          { id: 'm2', personId: 'p2', organizationId: 'a', role: 'member', status: 'active', expiresOn: '2026-11-21' },
          { id: 'm3', personId: 'p3', organizationId: 'f', role: 'member', status: 'active', expiresOn: today },
        ],
      }),
    );
    const members = state.groups.filter((g) => g.organizationId === 'a').flatMap((g) => g.members);
    expect(members).toEqual([]);
    expect(group(state, mandateKey('md'))?.members).toEqual(['p3']);
  });

  it('R11: a closed organization keeps its group but gives nobody access', () => {
    const organizations = world().organizations.map((o) => (o.id === 'a' ? { ...o, status: 'closed' as const } : o));
    const state = desiredState(world({ organizations }));
    expect(group(state, orgKey('a'))?.attributes['procura.status']).toEqual(['closed']);
    expect(state.groups.filter((g) => g.organizationId === 'a' && g.members.length > 0)).toEqual([]);
  });

  it('R27: an ended, future or expired mandate gives the delegates nothing', () => {
    for (const change of [{ status: 'ended' as const }, { validFrom: '2026-12-01' }, { validUntil: '2026-11-21' }]) {
      const state = desiredState(world({ mandates: [{ ...world().mandates[0]!, ...change }] }));
      expect(state.groups.filter((g) => g.key.includes('mandate:'))).toEqual([]);
    }
  });

  it('a right on a unit of another organization is never projected', () => {
    const state = desiredState(world({ rights: [{ membershipId: 'm3', serviceId: 'employer-inbox', rightId: 'read', unitId: 'u1' }] }));
    expect(group(state, grantKey(unitKey('u1'), 'employer-inbox', 'read'))).toBeUndefined();
  });

  it('R1: users carry the normalized e-mail', () => {
    expect(desiredState(world()).users[0]).toEqual({ personId: 'p1', email: 'lea@example.test', firstName: 'Léa', lastName: 'Favre' });
  });

  it("R18: a departed person's login is disabled; one the projection disabled is enabled again when the person is back; others are left as they are", () => {
    const base = world();
    const people = [
      { ...base.people[0]!, departed: true, loginDisabled: false },
      { ...base.people[1]!, departed: false, loginDisabled: true },
      ...base.people.slice(2),
    ];
    const users = desiredState(world({ people })).users;
    expect(users.map((u) => u.enabled)).toEqual([false, true, ...base.people.slice(2).map(() => undefined)]);
  });

  it('is deterministic: rows in another order give the same groups and members', () => {
    const base = world();
    const reversed = world({ units: [...base.units].reverse(), memberships: [...base.memberships].reverse(), rights: [...base.rights].reverse() });
    const byKey = (state: ReturnType<typeof desiredState>) => [...state.groups].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(desiredState(reversed))).toEqual(byKey(desiredState(base)));
  });
});

describe('the business day', () => {
  it('R19: dates turn over at midnight in Zurich, not in UTC', () => {
    expect(businessDay(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(businessDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(businessDay(new Date('2026-07-01T22:01:00Z'))).toBe('2026-07-02');
  });
});
