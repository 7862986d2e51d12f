import { describe, expect, it } from 'vitest';
import type { ModelSnapshot } from '../projection/model.js';
import { decideRight, holdersOf, type DecisionFacts } from './decide.js';

/** R29: the decision endpoint's verdict, pure, on the same snapshots as the projection's. */

const today = '2026-11-22';

function snapshot(overrides: Partial<ModelSnapshot> = {}): ModelSnapshot {
  return {
    today,
    organizations: [
      { id: 'a', identifier: 'CHE123456788', identifierKind: 'uid', legalName: 'Horlogerie Léman SA', type: 'employer', status: 'active' },
      { id: 'f', identifier: 'CHE234567895', identifierKind: 'uid', legalName: 'Fiduciaire Alpes Conseil', type: 'fiduciary', status: 'active' },
    ],
    units: [
      { id: 'u1', organizationId: 'a', parentUnitId: null, kind: 'branch', name: 'Succursale Lausanne' },
      { id: 'u2', organizationId: 'a', parentUnitId: null, kind: 'branch', name: 'Succursale Genève' },
    ],
    subscriptions: [{ organizationId: 'a', serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: null }],
    people: [{ id: 'p', email: 'p@example.test', givenName: 'P', familyName: 'Q' }],
    memberships: [],
    rights: [],
    mandates: [{ id: 'md', fiduciaryId: 'f', clientId: 'a', status: 'active', validFrom: '2026-01-01', validUntil: null }],
    delegates: [],
    delegateRights: [],
    ...overrides,
  };
}

const member = { id: 'm', personId: 'p', organizationId: 'a', role: 'member', status: 'active', expiresOn: null } as const;
const fiduciaryMember = { id: 'mf', personId: 'p', organizationId: 'f', role: 'member', status: 'active', expiresOn: null } as const;
const facts = (overrides: Partial<ModelSnapshot> = {}, personId: string | undefined = 'p'): DecisionFacts => ({
  snapshot: snapshot(overrides),
  organizationId: 'a',
  personId,
});
const read = { serviceId: 'employer-inbox', rightId: 'read' };

describe("R29: decideRight, from the projection's own desired state", () => {
  it('a right on the whole organization: allowed by membership, also for any of its units', () => {
    const f = facts({ memberships: [member], rights: [{ membershipId: 'm', ...read, unitId: null }] });
    expect(decideRight(f, read)).toEqual({ allowed: true, reason: 'membership', scope: 'organization' });
    expect(decideRight(f, { ...read, unitId: 'u1' })).toEqual({ allowed: true, reason: 'membership', scope: 'organization' });
    expect(decideRight(f, { ...read, rightId: 'archive' })).toEqual({ allowed: false, reason: 'no_right' });
  });

  it('R8: a right on a unit counts for that unit only, as in the token', () => {
    const f = facts({ memberships: [member], rights: [{ membershipId: 'm', ...read, unitId: 'u1' }] });
    expect(decideRight(f, { ...read, unitId: 'u1' })).toEqual({ allowed: true, reason: 'membership', scope: 'unit' });
    expect(decideRight(f, { ...read, unitId: 'u2' })).toEqual({ allowed: false, reason: 'no_right' });
    expect(decideRight(f, read)).toEqual({ allowed: false, reason: 'no_right' });
    expect(decideRight(f, { ...read, unitId: 'elsewhere' })).toEqual({ allowed: false, reason: 'unit_unknown' });
  });

  it("R25, R27: a delegate's right on a current mandate, via the fiduciary; none once the mandate ended or before it starts", () => {
    const delegation = {
      memberships: [fiduciaryMember],
      delegates: [{ mandateId: 'md', membershipId: 'mf' }],
      delegateRights: [{ mandateId: 'md', membershipId: 'mf', ...read }],
    };
    expect(decideRight(facts(delegation), read)).toEqual({ allowed: true, reason: 'mandate', via: 'CHE234567895' });
    const ended = snapshot().mandates.map((m) => ({ ...m, status: 'ended' as const }));
    expect(decideRight(facts({ ...delegation, mandates: ended }), read)).toEqual({ allowed: false, reason: 'no_right' });
    const later = snapshot().mandates.map((m) => ({ ...m, validFrom: '2027-01-01' }));
    expect(decideRight(facts({ ...delegation, mandates: later }), read)).toEqual({ allowed: false, reason: 'no_right' });
  });

  it('R18, R19: a deactivated or expired membership gives nothing', () => {
    const rights = [{ membershipId: 'm', ...read, unitId: null }];
    expect(decideRight(facts({ memberships: [{ ...member, status: 'deactivated' }], rights }), read)).toEqual({ allowed: false, reason: 'no_right' });
    expect(decideRight(facts({ memberships: [{ ...member, expiresOn: '2026-11-21' }], rights }), read)).toEqual({ allowed: false, reason: 'no_right' });
  });

  it('R11, R15: the organization, then its subscription, come first; an unknown person is no_right, never an oracle of accounts', () => {
    const rights = [{ membershipId: 'm', ...read, unitId: null }];
    expect(decideRight({ ...facts(), organizationId: undefined }, read)).toEqual({ allowed: false, reason: 'organization_unknown' });
    const closed = snapshot().organizations.map((o) => ({ ...o, status: 'closed' as const }));
    expect(decideRight(facts({ organizations: closed, memberships: [member], rights }), read)).toEqual({ allowed: false, reason: 'organization_inactive' });
    expect(decideRight(facts({ subscriptions: [], memberships: [member], rights }), read)).toEqual({ allowed: false, reason: 'not_subscribed' });
    const ended = [{ organizationId: 'a', serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: '2026-11-21' }];
    expect(decideRight(facts({ subscriptions: ended, memberships: [member], rights }), read)).toEqual({ allowed: false, reason: 'not_subscribed' });
    expect(decideRight(facts({}, undefined), read)).toEqual({ allowed: false, reason: 'no_right' });
  });
});

describe('issue 16 item 10: holdersOf, the people for whom decideRight says yes', () => {
  const people = [
    { id: 'p', email: 'p@example.test', givenName: 'P', familyName: 'Q' },
    { id: 'q', email: 'q@example.test', givenName: 'Q', familyName: 'R' },
    { id: 'd', email: 'd@example.test', givenName: 'D', familyName: 'E' },
    { id: 'x', email: 'x@example.test', givenName: 'X', familyName: 'Y' },
  ];
  const shape = {
    people,
    memberships: [
      member,
      { ...member, id: 'mq', personId: 'q' },
      { ...fiduciaryMember, id: 'md', personId: 'd' },
      { ...member, id: 'mx', personId: 'x', status: 'deactivated' as const },
    ],
    rights: [
      { membershipId: 'm', ...read, unitId: null },
      { membershipId: 'mq', ...read, unitId: 'u1' },
      { membershipId: 'mx', ...read, unitId: null },
    ],
    delegates: [{ mandateId: 'md', membershipId: 'md' }],
    delegateRights: [{ mandateId: 'md', membershipId: 'md', ...read }],
  };
  const everyone = (overrides: Partial<ModelSnapshot> = {}): DecisionFacts => ({
    snapshot: snapshot({ ...shape, ...overrides }),
    organizationId: 'a',
    personId: undefined,
  });
  const agrees = (f: DecisionFacts, question: typeof read & { unitId?: string }) => {
    const holders = holdersOf(f, question);
    for (const person of people) expect(holders.has(person.id), person.id).toBe(decideRight({ ...f, personId: person.id }, question).allowed);
    return Object.fromEntries(holders);
  };

  it("the whole organization's holders and the delegates (with their fiduciary), not a unit's holder nor a deactivated member", () => {
    expect(agrees(everyone(), read)).toEqual({ p: {}, d: { via: 'CHE234567895' } });
  });

  it("R8: for a unit, its own holder too; another unit's letter not", () => {
    expect(agrees(everyone(), { ...read, unitId: 'u1' })).toEqual({ p: {}, q: {}, d: { via: 'CHE234567895' } });
    expect(agrees(everyone(), { ...read, unitId: 'u2' })).toEqual({ p: {}, d: { via: 'CHE234567895' } });
  });

  it('R15, R11: nobody where the service is not subscribed or the organization is not active', () => {
    expect(agrees(everyone({ subscriptions: [] }), read)).toEqual({});
    const suspended = snapshot().organizations.map((o) => ({ ...o, status: 'suspended' as const }));
    expect(agrees(everyone({ organizations: suspended }), read)).toEqual({});
  });
});
