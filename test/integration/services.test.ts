import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { mailsTo, waitForMail } from '../helpers/mail.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';

/** R13, R15, R28 through the API: the catalogue as an organization sees it, and a manager activating a service. */

let organization: TestOrganization;
let people: Record<'representative' | 'manager' | 'member', Awaited<ReturnType<typeof createTestMember>>>;
let as: Record<'representative' | 'manager' | 'member', ApiCaller>;

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Services Léman SA' });
  await subscribe(organization.id, 'employer-inbox');
  people = {
    representative: await createTestMember(organization.id, 'legal_representative'),
    manager: await createTestMember(organization.id, 'manager'),
    member: await createTestMember(organization.id, 'member'),
  };
  as = { representative: await bearerOf(people.representative), manager: await bearerOf(people.manager), member: await bearerOf(people.member) };
}, 120_000);

const services = (caller: ApiCaller) => callApi(caller, 'get', `/organizations/${organization.id}/services`);
const byId = (answer: { body: any }, id: string) => answer.body.items.find((service: { id: string }) => service.id === id);

describe('R15: the service catalogue of an organization', () => {
  it('shows every service, subscribed or available, its rights in French and English, and what the caller may grant', async () => {
    const asManager = await services(as.manager);
    expect(asManager.status).toBe(200);
    expect(byId(asManager, 'employer-inbox')).toMatchObject({
      status: 'subscribed',
      subscription: { endsOn: null },
      label: { fr: expect.any(String), en: expect.any(String) },
    });
    expect(byId(asManager, 'employer-inbox').rights).toContainEqual({ id: 'read', label: { fr: 'Lire les courriers', en: 'Read letters' }, grantable: true });
    expect(byId(asManager, 'contributions')).toMatchObject({ status: 'available', subscription: null });
    expect(byId(asManager, 'contributions').rights.every((right: { grantable: boolean }) => !right.grantable)).toBe(true);
    const asMember = await services(as.member);
    expect(asMember.status).toBe(200);
    expect(byId(asMember, 'employer-inbox').rights.every((right: { grantable: boolean }) => !right.grantable)).toBe(true);
  });

  it('R28: a manager activates a service from a date; the managers are told in French and English; its rights become grantable', async () => {
    const memberId = await membershipOf(people.member.personId, organization.id);
    const grant = () =>
      callApi(as.manager, 'put', `/organizations/${organization.id}/members/${memberId}/rights`, { rights: [{ serviceId: 'contributions', rightId: 'pay' }] });
    expect((await grant()).status).toBe(422);
    expect((await callApi(as.member, 'post', `/organizations/${organization.id}/services/contributions/subscription`, {})).status).toBe(403);

    const today = new Date().toISOString().slice(0, 10);
    const activated = await callApi(as.manager, 'post', `/organizations/${organization.id}/services/contributions/subscription`, { startsOn: today });
    expect(activated).toMatchObject({ status: 201, body: { id: 'contributions', status: 'subscribed', subscription: { startsOn: today, endsOn: null } } });
    for (const manager of [people.representative, people.manager]) {
      const mail = await waitForMail(manager.email, { subject: /^Service activé : .+ pour Services Léman SA \/ Service activated: .+ for Services Léman SA$/ });
      expect(mail.text.indexOf('Bonjour')).toBeLessThan(mail.text.indexOf('Hello'));
      expect(mail.text).toContain(`${people.manager.email} a activé le service`);
    }
    expect((await mailsTo(people.member.email)).filter((mail) => /Service activé/.test(mail.subject))).toEqual([]);
    expect((await grant()).status).toBe(200);
    expect(byId(await services(as.manager), 'contributions').rights.find((right: { id: string }) => right.id === 'pay').grantable).toBe(true);
  });

  it('refuses a service taken already, one the catalogue lacks, and a malformed date, changing nothing', async () => {
    const path = (serviceId: string) => `/organizations/${organization.id}/services/${serviceId}/subscription`;
    expect(await callApi(as.manager, 'post', path('employer-inbox'), {})).toMatchObject({
      status: 409,
      body: { code: 'subscription.exists', field: '/serviceId' },
    });
    expect(await callApi(as.manager, 'post', path('teleportation'), {})).toMatchObject({ status: 404, body: { code: 'service.not_found' } });
    expect(await callApi(as.manager, 'post', path('company-journal'), { startsOn: '2026-02-30' })).toMatchObject({ status: 422 });
    expect(byId(await services(as.manager), 'company-journal').status).toBe('available');
  });
});
