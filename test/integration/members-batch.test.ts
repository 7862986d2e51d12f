import { describe, expect, it } from 'vitest';
import { bearerOf, callApi } from '../helpers/api.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

const statesOf = async (membershipIds: readonly string[]) =>
  (
    await database().query<{ id: string; role: string; status: string }>('SELECT id, role, status FROM membership WHERE id = ANY($1::uuid[]) ORDER BY id', [
      membershipIds,
    ])
  ).rows;

/** Issue 16 item 5 (fer-ge, ge-edemarches, peps): several people at once from the members list. */
describe('several members at once: POST /organizations/{orgId}/members/batch', () => {
  async function organizationWithMembers(count: number) {
    const organization = await createTestOrganization();
    const representative = await createTestMember(organization.id, 'legal_representative', 'rep');
    const members = [];
    for (let index = 0; index < count; index++) members.push(await createTestMember(organization.id, 'member', `member${index}`));
    const ids = await Promise.all(members.map((member) => membershipOf(member.personId, organization.id)));
    return { organization, representative, ids, caller: await bearerOf(representative), path: `/organizations/${organization.id}/members/batch` };
  }

  it('R18, R32: deactivates, makes managers and deletes the chosen people, each audited as if done one by one', async () => {
    const { organization, ids, caller, path } = await organizationWithMembers(3);
    const deactivated = await callApi(caller, 'post', path, { action: 'deactivate', membershipIds: ids.slice(0, 2) });
    expect(deactivated.status).toBe(200);
    expect(
      (await statesOf(ids))
        .filter((m) => m.status === 'deactivated')
        .map((m) => m.id)
        .sort(),
    ).toEqual(ids.slice(0, 2).sort());
    expect((await callApi(caller, 'post', path, { action: 'make_manager', membershipIds: [ids[2]] })).status).toBe(200);
    expect((await statesOf([ids[2]!]))[0]!.role).toBe('manager');
    expect((await callApi(caller, 'post', path, { action: 'remove', membershipIds: ids })).status).toBe(200);
    expect(await statesOf(ids)).toEqual([]);
    const audit = await database().query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_entry WHERE organization_id = $1 AND subject_id = ANY($2::text[]) AND action <> 'membership.created' GROUP BY action ORDER BY action`,
      [organization.id, ids],
    );
    expect(audit.rows).toEqual([
      { action: 'membership.deactivated', n: 2 },
      { action: 'membership.removed', n: 3 },
      { action: 'membership.role_changed', n: 1 },
    ]);
  });

  it('R14: all or nothing: the last manager among those chosen refuses the whole batch, names the person and the item, and nobody changes', async () => {
    const { organization, representative, ids, caller, path } = await organizationWithMembers(2);
    const representativeId = await membershipOf(representative.personId, organization.id);
    const before = await statesOf([...ids, representativeId]);
    const refused = await callApi(caller, 'post', path, { action: 'deactivate', membershipIds: [ids[0], ids[1], representativeId] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'membership.last_manager', field: '/membershipIds/2' });
    expect(refused.body.messages.fr).toMatch(/ : .*Personne n'a été modifié\.$/);
    expect(refused.body.messages.en).toMatch(/: .*Nobody was changed\.$/);
    expect(await statesOf([...ids, representativeId])).toEqual(before);
  });

  it("R13: another organization's member is not found (and nothing changes); a member may not act on others; bad input is refused with its field", async () => {
    const mine = await organizationWithMembers(1);
    const other = await organizationWithMembers(1);
    const foreign = await callApi(mine.caller, 'post', mine.path, { action: 'remove', membershipIds: [mine.ids[0], other.ids[0]] });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'membership.not_found', field: '/membershipIds/1' });
    expect((await statesOf(mine.ids)).length).toBe(1);
    const member = await createTestMember(mine.organization.id, 'member', 'plain');
    expect((await callApi(await bearerOf(member), 'post', mine.path, { action: 'remove', membershipIds: mine.ids })).status).toBe(403);
    const empty = await callApi(mine.caller, 'post', mine.path, { action: 'remove', membershipIds: [] });
    expect(empty.status).toBe(422);
    const unknown = await callApi(mine.caller, 'post', mine.path, { action: 'archive', membershipIds: mine.ids });
    expect(unknown.status).toBe(422);
    expect((await statesOf(mine.ids)).length).toBe(1);
  });
});
