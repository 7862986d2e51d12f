import { describe, expect, it } from 'vitest';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { decodePayload, loginWithPassword } from '../helpers/tokens.js';
import { activeMandate, addUnit, grant, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

type Organizations = Record<string, { rights?: string[]; units?: Record<string, string[]>; via?: string; role?: string }>;

async function project(...organizationIds: string[]): Promise<void> {
  await reconcile(database(), keycloakAdmin(), { scope: { organizationIds } });
}

async function serviceClaims(serviceId: string, person: { email: string; password: string }, organization?: string) {
  return decodePayload(await serviceLogin(stack(), serviceId, person, organization)) as {
    organizations?: Organizations;
    organizations_complete?: boolean;
    active_organization?: string;
    aud?: unknown;
    resource_access?: unknown;
  };
}

describe('tokens that applications can trust (real OIDC flow, real Keycloak)', () => {
  it('R13, R29: a right in A and none in B never reads as a right for B; other services see nothing', async () => {
    const a = await createTestOrganization();
    const b = await createTestOrganization();
    await subscribe(a.id, 'employer-inbox', 'contributions');
    await subscribe(b.id, 'employer-inbox');
    const person = await createTestMember(a.id, 'member');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active')`, [person.personId, b.id]);
    await grant(person.personId, a.id, 'employer-inbox', 'read');
    await grant(person.personId, a.id, 'contributions', 'pay');
    await project(a.id, b.id);

    const inbox = await serviceClaims('employer-inbox', person);
    expect(inbox.organizations).toEqual({ [a.identifier]: { rights: ['read'] } });
    expect(inbox.organizations?.[b.identifier]).toBeUndefined();
    expect(inbox.resource_access).toBeUndefined();
    expect(inbox.aud).toContain('svc-employer-inbox');
    const contributions = await serviceClaims('contributions', person);
    expect(contributions.organizations).toEqual({ [a.identifier]: { rights: ['pay'] } });
    const journal = await serviceClaims('company-journal', person);
    expect(journal.organizations ?? {}).toEqual({});
  });

  it('R8: a right limited to a unit is keyed by the unit', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const branch = await addUnit(organization.id);
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'employer-inbox', 'archive', branch);
    await project(organization.id);
    const claims = await serviceClaims('employer-inbox', member);
    expect(claims.organizations?.[organization.identifier]?.units).toEqual({ [branch]: ['archive'] });
    expect(claims.organizations?.[organization.identifier]?.rights ?? []).toEqual([]);
  });

  it("R25, R27: a delegate gets the rights granted on the mandate, with the fiduciary it comes through; none on the fiduciary's other clients", async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    const otherClient = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    await subscribe(otherClient.id, 'employer-inbox');
    const delegate = await createTestMember(fiduciary.id, 'member');
    const colleague = await createTestMember(fiduciary.id, 'member');
    const mandate = await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'read']] }]);
    await activeMandate(fiduciary.id, otherClient.id, [{ personId: colleague.personId, rights: [['employer-inbox', 'read']] }]);
    await project(fiduciary.id);

    const claims = await serviceClaims('employer-inbox', delegate);
    expect(claims.organizations).toEqual({ [client.identifier]: { rights: ['read'], via: fiduciary.identifier } });

    await database().query(`UPDATE mandate SET status = 'ended' WHERE id = $1`, [mandate]);
    await project(client.id);
    expect((await serviceClaims('employer-inbox', delegate)).organizations ?? {}).toEqual({});
  });

  it("R21: the console client's token carries the role per organization, and delegations", async () => {
    const organization = await createTestOrganization();
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    const manager = await createTestMember(organization.id, 'legal_representative');
    await database().query(`INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active')`, [
      manager.personId,
      fiduciary.id,
    ]);
    await activeMandate(fiduciary.id, client.id, [{ personId: manager.personId, rights: [['employer-inbox', 'read']] }]);
    await project(organization.id, fiduciary.id);

    const { claims } = await loginWithPassword(manager);
    expect(claims.organizations).toEqual({
      [organization.identifier]: { role: 'legal_representative' },
      [fiduciary.identifier]: { role: 'member' },
      [client.identifier]: { role: 'delegate', via: fiduciary.identifier },
    });
  });
});
