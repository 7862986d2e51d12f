import { describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { waitForMail } from '../helpers/mail.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/** R14 through the API: a leaving manager hands over to a successor, who then removes the former. */

const members = (orgId: string) => `/organizations/${orgId}/members`;

async function rolesOf(organizationId: string): Promise<Record<string, string>> {
  const { rows } = await database().query<{ email: string; role: string; status: string }>(
    `SELECT p.email, m.role, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1`,
    [organizationId],
  );
  return Object.fromEntries(rows.map((row) => [row.email, `${row.role} ${row.status}`]));
}

describe('R14: hand-over to a successor', () => {
  it('the only manager hands over; the former is told; the successor removes the former', async () => {
    const organization = await createTestOrganization({ legalName: 'Passation Léman SA' });
    const former = await createTestMember(organization.id, 'legal_representative', 'leaving');
    const successor = await createTestMember(organization.id, 'member', 'successor');
    const [asFormer, asSuccessor] = [await bearerOf(former), await bearerOf(successor)];
    const formerId = await membershipOf(former.personId, organization.id);
    const successorId = await membershipOf(successor.personId, organization.id);
    expect(await callApi(asFormer, 'delete', `${members(organization.id)}/${formerId}`)).toMatchObject({
      status: 409,
      body: { code: 'membership.last_manager' },
    });
    expect((await callApi(asSuccessor, 'delete', `${members(organization.id)}/${formerId}`)).status).toBe(403);

    const handed = await callApi(asFormer, 'post', `/organizations/${organization.id}/hand-over`, { successorId });
    expect(handed).toMatchObject({ status: 200, body: { id: successorId, role: 'legal_representative', status: 'active' } });
    const told = await waitForMail(former.email, { subject: /^Passation : Passation Léman SA \/ Hand-over: Passation Léman SA$/ });
    expect(told.text).toContain(`${successor.email}) est désormais requérant·e de Passation Léman SA`);
    expect(told.text).toContain('is now legal representative of Passation Léman SA');
    const audit = await database().query(`SELECT before, after FROM audit_entry WHERE organization_id = $1 AND action = 'membership.handed_over'`, [
      organization.id,
    ]);
    expect(audit.rows).toMatchObject([{ before: { role: 'member', from: formerId }, after: { role: 'legal_representative' } }]);

    expect((await callApi(asSuccessor, 'delete', `${members(organization.id)}/${formerId}`)).status).toBe(204);
    expect(await rolesOf(organization.id)).toEqual({ [successor.email]: 'legal_representative active' });
  });

  it('refuses a successor who is not an active member of the organization, or oneself, with the field at fault', async () => {
    const organization = await createTestOrganization();
    const other = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'manager');
    const asManager = await bearerOf(manager);
    const hand = (successorId: string) => callApi(asManager, 'post', `/organizations/${organization.id}/hand-over`, { successorId });
    const invited = (await addMember(database(), testActor, { organizationId: organization.id, email: uniqueEmail('pending'), role: 'member' })).membershipId;
    const expiring = (
      await addMember(database(), testActor, {
        organizationId: organization.id,
        email: uniqueEmail('temp'),
        role: 'member',
        status: 'active',
        expiresOn: '2099-12-31',
      })
    ).membershipId;
    const foreign = (await addMember(database(), testActor, { organizationId: other.id, email: uniqueEmail('foreign'), role: 'member', status: 'active' }))
      .membershipId;
    const colleague = (
      await addMember(database(), testActor, { organizationId: organization.id, email: uniqueEmail('colleague'), role: 'manager', status: 'active' })
    ).membershipId;
    const before = await rolesOf(organization.id);
    expect(await hand(invited)).toMatchObject({ status: 409, body: { code: 'hand_over.successor_inactive', field: '/successorId' } });
    expect(await hand(expiring)).toMatchObject({ status: 409, body: { code: 'hand_over.successor_expires', field: '/successorId' } });
    expect(await hand(foreign)).toMatchObject({ status: 404, body: { code: 'membership.not_found', field: '/successorId' } });
    expect(await hand(await membershipOf(manager.personId, organization.id))).toMatchObject({ status: 409, body: { code: 'hand_over.self' } });
    expect(await hand(colleague)).toMatchObject({ status: 409, body: { code: 'hand_over.already_holds' } });
    expect(await rolesOf(organization.id)).toEqual(before);
  });

  it('races: a hand-over while the two managers demote each other leaves a manager, and never hands over a role its giver lost', async () => {
    for (let round = 0; round < 3; round++) {
      const organization = await createTestOrganization();
      const [a, b] = [await createTestMember(organization.id, 'manager', 'a'), await createTestMember(organization.id, 'manager', 'b')];
      const successor = await createTestMember(organization.id, 'member', 'heir');
      const [asA, asB] = [await bearerOf(a), await bearerOf(b)];
      const [aId, bId, successorId] = [
        await membershipOf(a.personId, organization.id),
        await membershipOf(b.personId, organization.id),
        await membershipOf(successor.personId, organization.id),
      ];
      const [handed, aDemoted, bDemoted] = await Promise.all([
        callApi(asA, 'post', `/organizations/${organization.id}/hand-over`, { successorId }),
        callApi(asB, 'patch', `${members(organization.id)}/${aId}`, { role: 'member' }),
        callApi(asA, 'patch', `${members(organization.id)}/${bId}`, { role: 'member' }),
      ]);
      const roles = await rolesOf(organization.id);
      const managers = Object.values(roles).filter((role) => role === 'manager active');
      expect(managers.length, JSON.stringify(roles)).toBeGreaterThanOrEqual(1);
      expect([200, 409]).toContain(handed.status);
      expect([200, 403, 409]).toContain(aDemoted.status);
      expect([200, 403, 409]).toContain(bDemoted.status);
      if (handed.status === 200) expect(roles[successor.email]).toBe('manager active');
      else {
        expect(handed.body.code === 'hand_over.not_manager' || handed.status === 403).toBe(true);
        expect(roles[successor.email]).toBe('member active');
      }
    }
  });
});
