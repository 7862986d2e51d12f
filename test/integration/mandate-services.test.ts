import { describe, expect, it } from 'vitest';
import { bearerOf, callApi } from '../helpers/api.js';
import { upload } from '../helpers/documents.js';
import { membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 16 item 7 (fer-ge): a mandate request names the services it covers, shown to the operator
 * and to the client; its delegates get rights only within them.
 */
describe('the services a mandate covers', () => {
  it('R24, R25: filed with its services; the operator and both sides see them; a right outside them is refused and changes nothing', async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox', 'salary-declaration');
    const representative = await bearerOf(await createTestMember(fiduciary.id, 'legal_representative'));
    await createTestMember(client.id, 'legal_representative');
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    const path = `/organizations/${fiduciary.id}/mandates`;

    const unknown = await callApi(representative, 'post', path, {
      client: client.identifier,
      powerOfAttorney: upload(),
      services: ['employer-inbox', 'lottery'],
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'mandate.service_unknown', field: '/services/1' } });
    expect((await database().query('SELECT 1 FROM mandate WHERE fiduciary_id = $1', [fiduciary.id])).rowCount).toBe(0);

    const filed = await callApi(representative, 'post', path, { client: client.identifier, powerOfAttorney: upload(), services: ['employer-inbox'] });
    expect(filed.status).toBe(201);
    const operator = await bearerOf(await createTestOperator());
    const pending = (await callApi(operator, 'get', '/operator/mandates')).body.items.find((item: { id: string }) => item.id === filed.body.id);
    expect(pending.services).toEqual(['employer-inbox']);
    expect((await callApi(operator, 'post', `/operator/mandates/${filed.body.id}/validate`, {})).status).toBe(200);

    const clientSide = await callApi(
      await bearerOf(await createTestMember(client.id, 'manager', 'client-manager')),
      'get',
      `/organizations/${client.id}/mandates`,
    );
    expect(clientSide.body.items[0]).toMatchObject({ side: 'client', services: ['employer-inbox'], clientServices: ['employer-inbox'] });
    // The fiduciary's form offers only the covered services the client subscribes to.
    expect((await callApi(representative, 'get', path)).body.items[0]).toMatchObject({ services: ['employer-inbox'], clientServices: ['employer-inbox'] });

    const membershipId = await membershipOf(delegate.personId, fiduciary.id);
    const single = `${path}/${filed.body.id}`;
    expect((await callApi(representative, 'post', `${single}/delegates`, { membershipId })).status).toBeLessThan(300);
    const outside = await callApi(representative, 'put', `${single}/delegates/${membershipId}/rights`, {
      rights: [
        { serviceId: 'employer-inbox', rightId: 'read' },
        { serviceId: 'salary-declaration', rightId: 'submit' },
      ],
    });
    expect(outside).toMatchObject({ status: 422, body: { code: 'mandate.service_not_covered', field: '/rights/1' } });
    expect(outside.body.messages.fr).toMatch(/ne couvre pas le service salary-declaration/);
    expect((await database().query('SELECT 1 FROM mandate_delegate_right WHERE mandate_id = $1', [filed.body.id])).rowCount).toBe(0);
    expect(
      (await callApi(representative, 'put', `${single}/delegates/${membershipId}/rights`, { rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }))
        .status,
    ).toBeLessThan(300);

    const audit = await database().query<{ organization_id: string; after: unknown }>(
      `SELECT organization_id, after FROM audit_entry WHERE action = 'mandate.services_set' AND subject_id = $1 ORDER BY organization_id`,
      [filed.body.id],
    );
    expect(audit.rows.map((row) => row.after)).toEqual([{ services: ['employer-inbox'] }, { services: ['employer-inbox'] }]);
  });
});
