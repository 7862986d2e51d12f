import { describe, expect, it } from 'vitest';
import { changeRole } from '@procura/sync-service/members/commands';
import { bearerOf, callApi } from '../helpers/api.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

describe('the audit trail in the API (R32)', () => {
  it('lists who changed what, filtered, newest first, and exports it as CSV for a spreadsheet; nothing of another organization', async () => {
    const organization = await createTestOrganization({ legalName: 'Audit SA' });
    const other = await createTestOrganization();
    const manager = await createTestMember(organization.id, 'legal_representative');
    const colleague = await createTestMember(organization.id, 'member', 'zoe');
    await createTestMember(other.id, 'member');
    await changeRole(
      database(),
      { personId: manager.personId, label: 'Léa Favre' },
      { membershipId: await membershipOf(colleague.personId, organization.id), role: 'observer' },
    );
    const caller = await bearerOf(manager);

    const all = await callApi(caller, 'get', `/organizations/${organization.id}/audit`);
    expect(all.status).toBe(200);
    const actions = (all.body as { items: Array<{ action: string }> }).items.map((e) => e.action);
    expect(actions[0]).toBe('membership.role_changed');
    expect(actions).toEqual(expect.arrayContaining(['organization.registered', 'membership.created']));

    const filtered = await callApi(caller, 'get', `/organizations/${organization.id}/audit?action=membership.role_changed&actor=favre`);
    expect(filtered.body).toMatchObject({
      total: 1,
      items: [{ actor: 'Léa Favre', action: 'membership.role_changed', before: { role: 'member' }, after: { role: 'observer' } }],
    });
    const future = await callApi(caller, 'get', `/organizations/${organization.id}/audit?from=2999-01-01`);
    expect(future.body).toMatchObject({ total: 0, items: [] });

    const csv = await callApi(caller, 'get', `/organizations/${organization.id}/audit/export?action=membership.role_changed&action=membership.created`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('"at";"actor";"action";"subject_type";"subject_id";"before";"after"');
    expect(lines).toHaveLength(1 + 3); // two memberships created, one role changed; the other organization's never
    expect(lines[1]).toContain('"Léa Favre";"membership.role_changed";"membership"');
    expect(lines[1]).toContain('""role"":""member""'); // before, as JSON, its quotes doubled (RFC 4180)

    const refused = await callApi(caller, 'get', `/organizations/${organization.id}/audit?from=yesterday`);
    expect(refused).toMatchObject({ status: 422, body: { code: 'input.invalid' } });
  });
});
