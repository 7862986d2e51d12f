import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { desiredState } from './desired-state.js';
import { DigestSums, digestRecord, expectedDigests } from './digest.js';
import type { DesiredState, ModelSnapshot } from './model.js';
import type { RecordedGroup } from './store.js';

/**
 * Decision 0061. Keycloak's side, as `ProjectionDigests.java` computes it from the realm's rows:
 * written again here from the rows' description, so that the model's side can be held to it.
 */
interface Rows {
  groups: Array<{ id: string; name: string; parentId: string | null }>;
  attributes: Array<{ groupId: string; name: string; value: string | null }>;
  clientRoles: Array<{ groupId: string; clientId: string; role: string }>;
  memberships: Array<{ groupId: string; userId: string }>;
  users: Array<{ id: string; email: string | null; firstName: string | null; lastName: string | null }>;
}

function digestsOfRows(roots: readonly string[], rows: Rows): Map<string, { sum: string; records: number }> {
  const parentOf = new Map(rows.groups.map((g) => [g.id, g.parentId === null || g.parentId.trim() === '' ? null : g.parentId]));
  const rootOf = (id: string): string | undefined => {
    for (let at: string | null | undefined = id; at; at = parentOf.get(at)) if (roots.includes(at)) return at;
    return undefined;
  };
  const sums = new DigestSums();
  const add = (groupId: string, record: string): void => {
    const root = rootOf(groupId);
    if (root) sums.add(root, record);
  };
  const users = new Map(rows.users.map((u) => [u.id, u]));
  for (const g of rows.groups) add(g.id, digestRecord('G', g.id, parentOf.get(g.id) ?? null, g.name));
  for (const a of rows.attributes) add(a.groupId, digestRecord('A', a.groupId, a.name, a.value));
  for (const r of rows.clientRoles) add(r.groupId, digestRecord('R', r.groupId, r.clientId, r.role));
  for (const m of rows.memberships) {
    const user = users.get(m.userId);
    add(m.groupId, digestRecord('M', m.groupId, m.userId, user?.email?.toLowerCase() ?? null, user?.firstName ?? null, user?.lastName ?? null));
  }
  return new Map(roots.filter((root) => parentOf.has(root)).map((root) => [root, sums.digest(root)]));
}

/** Keycloak as a faithful projection leaves it: every desired group and account under ids of its own. */
function projected(desired: DesiredState): { rows: Rows; recorded: Map<string, RecordedGroup>; userIds: Map<string, string> } {
  const recorded = new Map(
    desired.groups.map((g, i) => [g.key, { key: g.key, keycloakId: `g-${i}`, parentKey: g.parentKey ?? null, organizationId: g.organizationId }]),
  );
  const userIds = new Map(desired.users.map((u, i) => [u.personId, `u-${i}`]));
  const id = (key: string): string => recorded.get(key)!.keycloakId;
  return {
    recorded,
    userIds,
    rows: {
      groups: desired.groups.map((g) => ({ id: id(g.key), name: g.name, parentId: g.parentKey ? id(g.parentKey) : ' ' })),
      attributes: desired.groups.flatMap((g) =>
        Object.entries(g.attributes).flatMap(([name, values]) => values.map((value) => ({ groupId: id(g.key), name, value }))),
      ),
      clientRoles: desired.groups.flatMap((g) => (g.clientRole ? [{ groupId: id(g.key), ...g.clientRole }] : [])),
      memberships: desired.groups.flatMap((g) => g.members.map((personId) => ({ groupId: id(g.key), userId: userIds.get(personId)! }))),
      users: desired.users.map((u) => ({ id: userIds.get(u.personId)!, email: u.email.toUpperCase(), firstName: u.firstName, lastName: u.lastName })),
    },
  };
}

const world: ModelSnapshot = {
  today: '2026-12-07',
  organizations: [
    { id: 'a', identifier: 'CHE123456788', identifierKind: 'uid', legalName: 'Horlogerie Léman SA', type: 'employer', status: 'active' },
    { id: 'b', identifier: '73282931200014', identifierKind: 'siret', legalName: 'Boulangerie Dupont SAS', type: 'employer', status: 'active' },
    { id: 'f', identifier: 'CHE234567895', identifierKind: 'uid', legalName: 'Fiduciaire Alpes Conseil', type: 'fiduciary', status: 'active' },
  ],
  units: [{ id: 'u1', organizationId: 'a', parentUnitId: null, kind: 'branch', name: 'Succursale Lausanne' }],
  subscriptions: ['a', 'b'].map((organizationId) => ({ organizationId, serviceId: 'employer-inbox', startsOn: '2026-01-01', endsOn: null })),
  people: ['p1', 'p2', 'p3', 'p4'].map((id) => ({ id, email: `${id}@example.test`, givenName: `Prénom ${id}`, familyName: 'Müller' })),
  memberships: [
    { id: 'm1', personId: 'p1', organizationId: 'a', role: 'legal_representative', status: 'active', expiresOn: null },
    { id: 'm2', personId: 'p2', organizationId: 'a', role: 'member', status: 'active', expiresOn: null },
    { id: 'm3', personId: 'p3', organizationId: 'f', role: 'member', status: 'active', expiresOn: null },
    { id: 'm6', personId: 'p1', organizationId: 'b', role: 'manager', status: 'active', expiresOn: null },
  ],
  rights: [
    { membershipId: 'm2', serviceId: 'employer-inbox', rightId: 'read', unitId: 'u1' },
    { membershipId: 'm6', serviceId: 'employer-inbox', rightId: 'read', unitId: null },
  ],
  mandates: [{ id: 'md1', fiduciaryId: 'f', clientId: 'a', status: 'active', validFrom: null, validUntil: null }],
  delegates: [{ mandateId: 'md1', membershipId: 'm3' }],
  delegateRights: [{ mandateId: 'md1', membershipId: 'm3', serviceId: 'employer-inbox', rightId: 'read' }],
};

describe('subtree digests (decision 0061)', () => {
  it("finds the shared test vector's digests, which the provider's Java finds too", () => {
    const vector = JSON.parse(
      readFileSync(new URL('../../../keycloak-providers/src/test/resources/projection-digest-vector.json', import.meta.url), 'utf8'),
    ) as Rows & { roots: string[]; digests: Record<string, { sum: string; records: number }> };
    expect(Object.fromEntries(digestsOfRows(vector.roots, vector))).toEqual(vector.digests);
  });

  it('a Keycloak equal to the model has the digests the model expects, one per organization', () => {
    const desired = desiredState(world);
    const { rows, recorded, userIds } = projected(desired);
    const expected = expectedDigests(desired, recorded, userIds);
    expect(expected.undescribed.size).toBe(0);
    expect([...expected.organizationOfRoot.values()].sort()).toEqual(['a', 'b', 'f']);
    expect(digestsOfRows([...expected.digests.keys()], rows)).toEqual(expected.digests);
  });

  const drifts: Array<[string, (rows: Rows) => void]> = [
    ['a unit renamed', (rows) => void (rows.groups.find((g) => g.name === 'Succursale Lausanne')!.name = 'Succursale Genève')],
    ['a member added by hand', (rows) => void rows.memberships.push({ groupId: rows.memberships[0]!.groupId, userId: 'u-3' })],
    [
      'a member removed by hand',
      (rows) =>
        void rows.memberships.splice(
          rows.memberships.findIndex((m) => m.userId === 'u-1'),
          1,
        ),
    ],
    ['a client role mapped by hand', (rows) => void rows.clientRoles.push({ ...rows.clientRoles[0]!, role: 'write' })],
    ['an attribute edited', (rows) => void (rows.attributes.find((a) => a.value === 'Horlogerie Léman SA')!.value = 'Forged SA')],
    ["a member's last name changed", (rows) => void (rows.users.find((u) => u.id === 'u-1')!.lastName = 'Meier')],
    [
      'a subgroup made by hand',
      (rows) => void rows.groups.push({ id: 'stray', name: 'employer-inbox:write', parentId: rows.groups.find((g) => g.name === 'Succursale Lausanne')!.id }),
    ],
  ];
  for (const [drift, make] of drifts) {
    it(`${drift} in organization a changes its digest, and no other`, () => {
      const desired = desiredState(world);
      const { rows, recorded, userIds } = projected(desired);
      const expected = expectedDigests(desired, recorded, userIds);
      make(rows);
      const found = digestsOfRows([...expected.digests.keys()], rows);
      const differing = [...expected.digests]
        .filter(([root, digest]) => JSON.stringify(found.get(root)) !== JSON.stringify(digest))
        .map(([root]) => expected.organizationOfRoot.get(root));
      expect(differing).toEqual(['a']);
    });
  }

  it('an organization the model cannot describe in Keycloak ids, or whose names it cannot foresee, is left to the detailed read', () => {
    const desired = desiredState(world);
    const { recorded, userIds } = projected(desired);
    recorded.delete([...recorded.values()].find((g) => g.organizationId === 'b' && g.parentKey !== null)!.key);
    userIds.delete('p2');
    // b: a group not created yet; a: p2, its member, has no account yet.
    const expected = expectedDigests(desired, recorded, userIds);
    expect([...expected.undescribed].sort()).toEqual(['a', 'b']);
    expect([...expected.digests.keys()].map((root) => expected.organizationOfRoot.get(root))).toEqual(['f']);

    // p3 without a last name in the model: Keycloak keeps the one it has; p3 is in f's groups and, as a delegate, in a's.
    const nameless = desiredState({ ...world, people: world.people.map((p) => (p.id === 'p3' ? { ...p, familyName: '' } : p)) });
    const again = projected(nameless);
    expect([...expectedDigests(nameless, again.recorded, again.userIds).undescribed].sort()).toEqual(['a', 'f']);
  });
});
