import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { subscribe } from '../helpers/model.js';
import { createTestMember } from '../helpers/people.js';

/** R22 through the API and the SMTP sink: people ask, the right managers are told, a manager answers, the person who asked is told. */

let organization: TestOrganization;
let representative: Awaited<ReturnType<typeof createTestMember>>;
let deputy: Awaited<ReturnType<typeof createTestMember>>;
let gestionnaire: Awaited<ReturnType<typeof createTestMember>>;
let asDeputy: ApiCaller;

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Journal Léman SA' });
  representative = await createTestMember(organization.id, 'legal_representative');
  deputy = await createTestMember(organization.id, 'deputy');
  gestionnaire = await createTestMember(organization.id, 'manager');
  await subscribe(organization.id, 'company-journal', 'employer-inbox');
  asDeputy = await bearerOf(deputy);
}, 120_000);

/** A person with an account, of another organization, signed in. */
async function asker(label: string) {
  const person = await createTestMember((await createTestOrganization()).id, 'member', label);
  return { person, as: await bearerOf(person) };
}

const requestsTo = async (address: string, from: string) =>
  (await mailsTo(address)).filter((mail) => /^Demande d'accès/.test(mail.subject) && mail.text.includes(from));

describe('R22: access requests', () => {
  it("an observer request notifies the « requérant ou requérant adjoint », not the other managers; approved, the person observes with the journal's read right and is told", async () => {
    const { person, as } = await asker('observer-asker');
    const asked = await callApi(as, 'post', '/access-requests', {
      organization: organization.identifier,
      role: 'observer',
      message: 'Pour le journal des salaires',
    });
    expect(asked).toMatchObject({ status: 201, body: { organizationId: organization.id, role: 'observer', status: 'pending' } });
    const mail = await waitForMail(representative.email, { subject: /^Demande d'accès d'observateur : Journal Léman SA/ });
    expect(mail.text).toContain(person.email);
    expect(mail.text).toContain('« Pour le journal des salaires »');
    await waitForMail(deputy.email, { subject: /^Demande d'accès d'observateur : Journal Léman SA/ });
    expect(await requestsTo(gestionnaire.email, person.email)).toHaveLength(0);

    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'observer' })).body.code).toBe(
      'access_request.exists',
    );
    const listed = await callApi(asDeputy, 'get', `/organizations/${organization.id}/access-requests`);
    const request = listed.body.items.find((item: { email: string }) => item.email === person.email);
    expect(request).toMatchObject({ role: 'observer', message: 'Pour le journal des salaires' });

    const approved = await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${request.id}/approve`, {});
    expect(approved).toMatchObject({ status: 200, body: { rights: [{ serviceId: 'company-journal', rightId: 'read' }] } });
    const member = await callApi(asDeputy, 'get', `/organizations/${organization.id}/members/${approved.body.membershipId}`);
    expect(member.body).toMatchObject({ email: person.email, role: 'observer', status: 'active', rights: [{ serviceId: 'company-journal', rightId: 'read' }] });
    const answer = await waitForMail(person.email, { subject: /^Demande d'accès acceptée : Journal Léman SA/ });
    expect(answer.text).toContain(`${deputy.givenName} ${deputy.familyName} (${deputy.email}) a accepté votre demande`);
    expect(answer.text).toContain("- Journal de l'entreprise : Consulter");
    expect((await callApi(as, 'get', '/me/access-requests')).body.items[0]).toMatchObject({
      id: request.id,
      organizationName: 'Journal Léman SA',
      role: 'observer',
      status: 'approved',
      reason: null,
    });

    expect((await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${request.id}/reject`, { reason: 'Trop tard' })).body.code).toBe(
      'access_request.decided',
    );
    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'member' })).body.code).toBe(
      'access_request.already_member',
    );
  });

  it('an observer of an organization without the journal gets the role only', async () => {
    const bare = await createTestOrganization();
    const manager = await bearerOf(await createTestMember(bare.id, 'legal_representative'));
    const { as } = await asker('bare-observer');
    const asked = await callApi(as, 'post', '/access-requests', { organization: bare.identifier, role: 'observer' });
    expect(await callApi(manager, 'post', `/organizations/${bare.id}/access-requests/${asked.body.id}/approve`, {})).toMatchObject({
      status: 200,
      body: { rights: [] },
    });
  });

  it('a member request notifies every manager; a refusal needs a reason, grants nothing and sends the reason to the person who asked', async () => {
    const { person, as } = await asker('member-asker');
    const asked = await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'member' });
    await waitForMail(gestionnaire.email, { subject: /^Demande d'accès de membre/ });
    expect(await requestsTo(representative.email, person.email)).toHaveLength(1);
    expect(await requestsTo(deputy.email, person.email)).toHaveLength(1);
    const reject = (body: unknown) => callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${asked.body.id}/reject`, body);
    expect(await reject({})).toMatchObject({ status: 422 });
    expect(await reject({ reason: '   ' })).toMatchObject({
      status: 422,
      body: { code: 'access_request.reason_required', messages: { fr: expect.stringContaining('pourquoi') } },
    });
    expect((await callApi(as, 'get', '/me/access-requests')).body.items[0]).toMatchObject({ id: asked.body.id, status: 'pending', decidedAt: null });
    expect((await reject({ reason: ' Nous ne travaillons pas avec vous. ' })).status).toBe(204);
    const members = await callApi(asDeputy, 'get', `/organizations/${organization.id}/members?q=${encodeURIComponent(person.email)}`);
    expect(members.body.total).toBe(0);
    const answer = await waitForMail(person.email, { subject: /^Demande d'accès refusée : Journal Léman SA/ });
    expect(answer.text).toContain('Motif : « Nous ne travaillons pas avec vous. »');
    expect((await callApi(as, 'get', '/me/access-requests')).body.items[0]).toMatchObject({
      id: asked.body.id,
      status: 'rejected',
      reason: 'Nous ne travaillons pas avec vous.',
    });
  });

  it("refusals: an unknown organization, a manager role, another organization's request", async () => {
    const { as } = await asker('refused-asker');
    expect(await callApi(as, 'post', '/access-requests', { organization: 'CHE-000.000.000', role: 'member' })).toMatchObject({
      status: 404,
      body: { code: 'organization.not_found' },
    });
    expect((await callApi(as, 'post', '/access-requests', { organization: organization.identifier, role: 'manager' })).status).toBe(422);
    const other = await createTestOrganization();
    const asked = await callApi(as, 'post', '/access-requests', { organization: other.identifier, role: 'member' });
    expect((await callApi(asDeputy, 'post', `/organizations/${organization.id}/access-requests/${asked.body.id}/approve`, {})).body.code).toBe(
      'access_request.not_found',
    );
  });
});
