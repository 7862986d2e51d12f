import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { linkIn, mailsTo, waitForMail } from '../helpers/mail.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { registeredUid } from '../helpers/registry.js';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/** R9, R11, R16 through the API: « Ajouter une succursale » as fer-ge's form does it, in one step. */

let organization: TestOrganization;
let asManager: ApiCaller;
let colleagueMembership: string;

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Succursales Léman SA' });
  await subscribe(organization.id, 'employer-inbox');
  const manager = await createTestMember(organization.id, 'manager');
  asManager = await bearerOf(manager);
  const colleague = await createTestMember(organization.id, 'member', 'colleague');
  colleagueMembership = await membershipOf(colleague.personId, organization.id);
}, 120_000);

const units = () => `/organizations/${organization.id}/units`;
const inbox = [{ serviceId: 'employer-inbox', rightId: 'read' }];
const representative = (email: string) => ({ givenName: 'Léa', familyName: 'Roux', function: 'Gérante', email });
const namesOfUnits = async (): Promise<string[]> => (await callApi(asManager, 'get', units())).body.units.map((unit: { name: string }) => unit.name);

describe('R9, R11: a branch added with its number, its representative and the head office people', () => {
  it('R11: a number the registry does not know is refused under its field, and nothing is created', async () => {
    const email = uniqueEmail('branch-rep-refused');
    const answer = await callApi(asManager, 'post', units(), {
      kind: 'branch',
      name: 'Succursale inconnue',
      identifierKind: 'uid',
      identifier: uniqueUid(),
      representative: representative(email),
      headOfficePeople: [colleagueMembership],
      rights: inbox,
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'unit.identifier_not_registered', field: '/identifier' } });
    expect(answer.body.messages.fr).toMatch(/registre/);
    expect(answer.body.messages.en).toMatch(/registry/);
    expect(await namesOfUnits()).not.toContain('Succursale inconnue');
    const colleague = await callApi(asManager, 'get', `/organizations/${organization.id}/members/${colleagueMembership}`);
    expect(colleague.body.rights).toEqual([]);
    const invitations = await callApi(asManager, 'get', `/organizations/${organization.id}/invitations`);
    expect(invitations.body.items.map((item: { email: string }) => item.email)).not.toContain(email);
    expect(await mailsTo(email)).toEqual([]);
  });

  it('R9, R16: the representative is invited with rights on the branch, gets the e-mail, accepts; the head office person chosen gets the branch too', async () => {
    const email = uniqueEmail('branch-rep');
    const identifier = await registeredUid({ name: 'Succursale Nyon' });
    const added = await callApi(asManager, 'post', units(), {
      kind: 'branch',
      name: 'Succursale Nyon',
      identifierKind: 'uid',
      identifier,
      representative: representative(email),
      headOfficePeople: [colleagueMembership],
      rights: inbox,
    });
    expect(added.status).toBe(201);
    const branchId = added.body.id as string;
    expect(added.body).toMatchObject({ invitation: { email }, headOfficePeople: [colleagueMembership] });
    expect((await callApi(asManager, 'get', units())).body.units).toEqual(expect.arrayContaining([expect.objectContaining({ id: branchId, identifier })]));

    const colleague = await callApi(asManager, 'get', `/organizations/${organization.id}/members/${colleagueMembership}`);
    expect(colleague.body.rights).toEqual([expect.objectContaining({ serviceId: 'employer-inbox', rightId: 'read', unitId: branchId })]);

    const mail = await waitForMail(email, { subject: /^Invitation à rejoindre Succursales Léman SA/ });
    const token = linkIn(mail, `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;
    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password: 'Succursale-Nyon-2026!' });
    expect(accepted.status).toBe(200);
    const member = await callApi(asManager, 'get', `/organizations/${organization.id}/members/${accepted.body.membershipId}`);
    expect(member.body).toMatchObject({
      status: 'active',
      role: 'member',
      rights: [expect.objectContaining({ serviceId: 'employer-inbox', rightId: 'read', unitId: branchId })],
    });
  });

  it('R9: a head office person who is not an active member is refused, and nothing is created', async () => {
    const answer = await callApi(asManager, 'post', units(), {
      kind: 'branch',
      name: 'Succursale Morges',
      headOfficePeople: ['00000000-0000-4000-8000-000000000000'],
      rights: inbox,
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'unit.head_office_person', field: '/headOfficePeople' } });
    expect(await namesOfUnits()).not.toContain('Succursale Morges');
  });

  it('R8: two units of one name at the same level are refused (their Keycloak groups could not both exist); the projection of the organization keeps working', async () => {
    const first = await callApi(asManager, 'post', units(), { kind: 'branch', name: 'Succursale de Morges' });
    expect(first.status).toBe(201);
    const again = await callApi(asManager, 'post', units(), { kind: 'antenna', name: ' succursale de MORGES ' });
    expect(again).toMatchObject({ status: 409, body: { code: 'unit.name_taken', field: '/name' } });
    expect((await namesOfUnits()).filter((name) => /morges/i.test(name))).toHaveLength(1);
    // Under another parent the name is free.
    expect((await callApi(asManager, 'post', units(), { kind: 'establishment', name: 'Succursale de Morges', parentUnitId: first.body.id })).status).toBe(201);
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
  });
});
