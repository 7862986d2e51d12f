import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';

/** R22 through the API and the SMTP sink: people ask, the right managers are told, a manager answers. */

let organization: TestOrganization;
let representative: Awaited<ReturnType<typeof createTestMember>>;
let deputy: Awaited<ReturnType<typeof createTestMember>>;
let asDeputy: ApiCaller;

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Journal Léman SA' });
  representative = await createTestMember(organization.id, 'legal_representative');
  deputy = await createTestMember(organization.id, 'deputy');
  asDeputy = await bearerOf(deputy);
}, 120_000);

/** A person with an account, of another organization, signed in. */
async function asker(label: string) {
  const person = await createTestMember((await createTestOrganization()).id, 'member', label);
  return { person, as: await bearerOf(person) };
}

const requestsTo = async (address: string, from: string) => (await mailsTo(address)).filter((mail) => /^Demande d'accès/.test(mail.subject) && mail.text.includes(from));

describe('R22: access requests', () => {
  it('an observer request notifies the legal representatives only; a manager approves it and the person acts for the organization', async () => {
    const { person, as } = await asker('observer-asker');
    const asked = await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'observer', message: 'Pour le journal des salaires' });
    expect(asked).toMatchObject({ status: 201, body: { organizationId: organization.id, role: 'observer', status: 'pending' } });
    const mail = await waitForMail(representative.email, { subject: /^Demande d'accès d'observateur : Journal Léman SA/ });
    expect(mail.text).toContain(person.email);
    expect(mail.text).toContain('« Pour le journal des salaires »');
    expect(await requestsTo(deputy.email, person.email)).toHaveLength(0);

    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'observer' })).body.code).toBe('access_request.exists');
    const listed = await callApi(asDeputy, 'get', `/organizations/${organization.id}/access-requests`);
    const request = listed.body.items.find((item: { email: string }) => item.email === person.email);
    expect(request).toMatchObject({ role: 'observer', message: 'Pour le journal des salaires' });

    const approved = await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${request.id}/approve`, {});
    expect(approved.status).toBe(200);
    const member = await callApi(asDeputy, 'get', `/organizations/${organization.id}/members/${approved.body.membershipId}`);
    expect(member.body).toMatchObject({ email: person.email, role: 'observer', status: 'active' });
    expect((await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${request.id}/reject`, {})).body.code).toBe('access_request.decided');
    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'member' })).body.code).toBe('access_request.already_member');
  });

  it('a member request notifies every manager; a rejected one grants nothing', async () => {
    const { person, as } = await asker('member-asker');
    const asked = await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'member' });
    await waitForMail(deputy.email, { subject: /^Demande d'accès de membre/ });
    expect(await requestsTo(representative.email, person.email)).toHaveLength(1);
    expect((await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${asked.body.id}/reject`, {})).status).toBe(204);
    const members = await callApi(asDeputy, 'get', `/organizations/${organization.id}/members?q=${encodeURIComponent(person.email)}`);
    expect(members.body.total).toBe(0);
  });

  it('refusals: an unknown organization, a manager role, another organization\'s request', async () => {
    const { as } = await asker('refused-asker');
    expect(await callApi(as, 'post', '/access-requests', { organization: 'CHE-000.000.000', role: 'member' })).toMatchObject({ status: 404, body: { code: 'organization.not_found' } });
    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'manager' })).status).toBe(422);
    const other = await createTestOrganization();
    const asked = await callApi(as, 'post', '/access-requests', { organization: other.identifier, role: 'member' });
    expect((await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${asked.body.id}/approve`, {})).body.code).toBe('access_request.not_found');
  });
});
