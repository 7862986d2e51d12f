import { beforeAll, describe, expect, it } from 'vitest';
import { setMailSecurityKey } from '@procura/sync-service/organizations/mail-security-key';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { activeMandate, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * R13, R23: `GET /organizations/{orgId}` answers every reader of the organization (R21), but only
 * its managers (legal representative, deputy, manager: those who set the mail security key) learn
 * whether a key is set; a member, an observer or a fiduciary's delegate gets the organization
 * without `mailSecurityKeySet`, whether a key is set or not.
 */
describe('R13, R23: mailSecurityKeySet only for the managers of the organization', () => {
  let organization: TestOrganization;
  const callers: Partial<Record<'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer' | 'delegate', ApiCaller>> = {};

  beforeAll(async () => {
    organization = await createTestOrganization({ legalName: 'Clé Visible SA' });
    await subscribe(organization.id, 'employer-inbox');
    for (const role of ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const) {
      callers[role] = await bearerOf(await createTestMember(organization.id, role));
    }
    const fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Clé SA' });
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    await activeMandate(fiduciary.id, organization.id, [{ personId: delegate.personId, rights: [] }]);
    callers.delegate = await bearerOf(delegate);
  }, 120_000);

  const read = async (caller: ApiCaller) => {
    const answer = await callApi(caller, 'get', `/organizations/${organization.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: organization.id, legalName: 'Clé Visible SA' });
    return answer.body as Record<string, unknown>;
  };

  it('managers read false, then true once a key is set; the others never read the field', async () => {
    for (const keySet of [false, true]) {
      if (keySet) await setMailSecurityKey(database(), testActor, { organizationId: organization.id, key: 'GE-2026-VISIBLE-KEY' });
      for (const role of ['legal_representative', 'deputy', 'manager'] as const) {
        expect([role, (await read(callers[role]!)).mailSecurityKeySet]).toEqual([role, keySet]);
      }
      for (const role of ['member', 'observer', 'delegate'] as const) {
        expect([role, 'mailSecurityKeySet' in (await read(callers[role]!))]).toEqual([role, false]);
      }
    }
  }, 60_000);
});
