import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { organizationsClaimErrors } from '@procura/realm-config/claims';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { activeMandate, addUnit, grant, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload, loginWithPassword } from '../helpers/tokens.js';

/** The JSON blocks that docs/integrating-an-application.md marks as claim examples. */
function documentedExamples(): unknown[] {
  const page = readFileSync(new URL('../../docs/integrating-an-application.md', import.meta.url), 'utf8');
  return [...page.matchAll(/<!-- claim example -->\s*```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as unknown);
}

const project = (...organizationIds: string[]) => reconcile(database(), keycloakAdmin(), { scope: { organizationIds } });

describe("the organizations claim's JSON Schema (realm-config/claims), as applications read it", () => {
  it('accepts every example of the integration guide, and refuses what the mapper never writes', () => {
    const examples = documentedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) expect(organizationsClaimErrors(example)).toEqual([]);
    expect(organizationsClaimErrors({ organizations: { CHE123456788: { rights: ['read'], admin: true } }, organizations_complete: true })).not.toEqual([]);
    expect(organizationsClaimErrors({ organizations: { 'not an identifier': { rights: [] } }, organizations_complete: true })).not.toEqual([]);
    expect(organizationsClaimErrors({ organizations: { CHE123456788: { role: 'owner' } }, organizations_complete: true })).not.toEqual([]);
  });

  it('R8, R25, R29: real service tokens conform — a member with a unit right, a delegate through a mandate, a delegate past the size limit', async () => {
    const organization = await createTestOrganization();
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    await subscribe(organization.id, 'employer-inbox');
    const branch = await addUnit(organization.id);
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'employer-inbox', 'read');
    await grant(member.personId, organization.id, 'employer-inbox', 'archive', branch);
    const delegate = await createTestMember(fiduciary.id, 'member');
    const clients = await Promise.all(Array.from({ length: 31 }, () => createTestOrganization()));
    for (const client of clients) {
      await subscribe(client.id, 'employer-inbox');
      await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    }
    await project(organization.id, fiduciary.id);

    const memberToken = decodePayload(await serviceLogin(stack(), 'employer-inbox', member));
    expect(memberToken.organizations).toEqual({ [organization.identifier]: { rights: ['read'], units: { [branch]: ['archive'] } } });
    const cut = decodePayload(await serviceLogin(stack(), 'employer-inbox', delegate, clients[0]!.identifier));
    expect(cut).toMatchObject({
      organizations_complete: false,
      active_organization: clients[0]!.identifier,
      organizations: { [clients[0]!.identifier]: { rights: ['read'], via: fiduciary.identifier } },
    });
    const nothing = decodePayload(await serviceLogin(stack(), 'company-journal', member));
    for (const payload of [memberToken, cut, nothing]) expect(organizationsClaimErrors(payload)).toEqual([]);
  });

  it("R21: the console's token conforms — roles, and a delegation", async () => {
    const organization = await createTestOrganization();
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    const manager = await createTestMember(organization.id, 'manager');
    const delegate = await createTestMember(fiduciary.id, 'member');
    await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    await project(organization.id, fiduciary.id);
    for (const person of [manager, delegate]) expect(organizationsClaimErrors((await loginWithPassword(person)).claims)).toEqual([]);
  });
});
