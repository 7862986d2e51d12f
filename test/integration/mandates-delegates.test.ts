import { beforeAll, describe, expect, it } from 'vitest';
import { endMandate } from '@procura/sync-service/mandates/commands';
import { batchScope } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { activeMandate, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, type TestPerson } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * R25: the fiduciary's managers take a delegate off a mandate (DELETE …/delegates/{membershipId}),
 * through the API and the real stack: the delegation and its rights go in one transaction, audited
 * on both sides, with an outbox row naming the person, whose next real token no longer carries the
 * client, while the mandate's other delegate keeps theirs.
 */

let fiduciary: TestOrganization;
let asRepresentative: ApiCaller;
let representativeId: string;

beforeAll(async () => {
  fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Retrait SA' });
  const representative = await createTestMember(fiduciary.id, 'legal_representative');
  representativeId = representative.personId;
  asRepresentative = await bearerOf(representative);
}, 120_000);

async function employerInboxClaims(person: TestPerson): Promise<Record<string, unknown>> {
  return (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)).organizations as Record<string, unknown> | undefined) ?? {};
}

/** A client subscribing to the inbox, with its legal representative, and a mandate of the fiduciary on it whose delegates read its letters. */
async function mandateWith(
  ...delegates: Array<TestPerson & { personId: string }>
): Promise<{ client: TestOrganization; clientManager: ApiCaller; mandateId: string; path: string }> {
  const client = await createTestOrganization();
  await subscribe(client.id, 'employer-inbox');
  const clientManager = await bearerOf(await createTestMember(client.id, 'legal_representative'));
  const mandateId = await activeMandate(
    fiduciary.id,
    client.id,
    delegates.map(({ personId }) => ({ personId, rights: [['employer-inbox', 'read']] })),
  );
  return { client, clientManager, mandateId, path: `/organizations/${fiduciary.id}/mandates/${mandateId}/delegates` };
}

/** What a refused removal could have changed: the mandate's delegations, their rights, the audit trail on both sides, the projection's outbox of both sides. */
async function written(mandateId: string, clientId: string): Promise<unknown> {
  const { rows } = await database().query(
    `SELECT (SELECT count(*) FROM mandate_delegate WHERE mandate_id = $1::uuid)::int AS delegates,
            (SELECT count(*) FROM mandate_delegate_right WHERE mandate_id = $1::uuid)::int AS rights,
            (SELECT count(*) FROM audit_entry WHERE subject_id = $1::text)::int AS audit,
            (SELECT count(*) FROM outbox WHERE aggregate_id = ANY($2::text[]))::int AS outbox`,
    [mandateId, [clientId, fiduciary.id]],
  );
  return rows[0];
}

describe('R25: a delegate taken off a mandate', () => {
  it("the delegate's real token carries the client, then, once removed, the next one does not; the other delegate keeps theirs; audited on both sides; an outbox row names the person", async () => {
    const leaving = await createTestMember(fiduciary.id, 'member', 'leaving');
    const staying = await createTestMember(fiduciary.id, 'member', 'staying');
    const { client, mandateId, path } = await mandateWith(leaving, staying);
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [client.id, fiduciary.id] } });
    const access = { [client.identifier]: { rights: ['read'], via: fiduciary.identifier } };
    expect(await employerInboxClaims(leaving)).toEqual(access);
    expect(await employerInboxClaims(staying)).toEqual(access);
    const asLeaving = await bearerOf(leaving);
    expect((await callApi(asLeaving, 'get', `/organizations/${client.id}/services`)).status).toBe(200);

    const since = (await database().query<{ id: string }>(`SELECT COALESCE(max(id), 0)::text AS id FROM outbox`)).rows[0]!.id;
    const membershipId = await membershipOf(leaving.personId, fiduciary.id);
    expect((await callApi(asRepresentative, 'delete', `${path}/${membershipId}`)).status).toBe(204);

    const { rows: delegations } = await database().query('SELECT membership_id FROM mandate_delegate WHERE mandate_id = $1', [mandateId]);
    expect(delegations).toEqual([{ membership_id: await membershipOf(staying.personId, fiduciary.id) }]);
    expect(
      (await database().query('SELECT 1 FROM mandate_delegate_right WHERE mandate_id = $1 AND membership_id = $2', [mandateId, membershipId])).rows,
    ).toEqual([]);
    // R32: on both sides, by the representative, the rights held in `before`.
    const audit = await database().query(
      `SELECT organization_id AS "organizationId", actor_person_id AS actor, before, after FROM audit_entry WHERE subject_id = $1 AND action = 'mandate.delegate_removed' ORDER BY organization_id = $2`,
      [mandateId, fiduciary.id],
    );
    const entry = { actor: representativeId, before: { membershipId, rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] }, after: null };
    expect(audit.rows).toEqual([
      { organizationId: client.id, ...entry },
      { organizationId: fiduciary.id, ...entry },
    ]);
    // Decision 0018: one row per side naming the person only; the worker's narrowed reconcile applies them.
    const { rows: outbox } = await database().query<{ id: string; aggregate_id: string; payload: { people?: string[] } }>(
      `SELECT id::text, aggregate_id, payload FROM outbox WHERE topic = 'projection' AND id > $1 AND aggregate_id = ANY($2::text[]) ORDER BY aggregate_id`,
      [since, [client.id, fiduciary.id]],
    );
    expect(outbox.map((row) => row.payload)).toEqual([{ people: [leaving.personId] }, { people: [leaving.personId] }]);
    await reconcile(database(), keycloakAdmin(), { scope: batchScope(outbox) });

    expect(await employerInboxClaims(leaving)).toEqual({});
    expect(await employerInboxClaims(staying)).toEqual(access);
    // The API's standing goes with it: the client is no business of theirs any more.
    expect(await callApi(asLeaving, 'get', `/organizations/${client.id}/services`)).toMatchObject({ status: 404, body: { code: 'organization.not_found' } });
    const listed = (await callApi(asRepresentative, 'get', `/organizations/${fiduciary.id}/mandates`)).body.items.find(
      (m: { id: string }) => m.id === mandateId,
    );
    expect(listed.delegates.map((d: { email: string }) => d.email)).toEqual([staying.email]);
  }, 120_000);

  it("404 in French and English, nothing changed: removed twice, a member who does not handle it, an id that is not one, a mandate of another fiduciary, and the client's manager", async () => {
    const delegate = await createTestMember(fiduciary.id, 'member', 'delegate');
    const bystander = await createTestMember(fiduciary.id, 'member', 'bystander');
    const { client, clientManager, mandateId, path } = await mandateWith(delegate);
    const membershipId = await membershipOf(delegate.personId, fiduciary.id);

    // The client's managers do not run the fiduciary's delegates, on their side of the path or the fiduciary's.
    const before = await written(mandateId, client.id);
    // On the client's path, the fiduciary's membership is none of the client's (the policy's 404); one of the client's own reaches the mandate, not the client's to run.
    const onClientSide = `/organizations/${client.id}/mandates/${mandateId}/delegates`;
    expect(await callApi(clientManager, 'delete', `${onClientSide}/${membershipId}`)).toMatchObject({ status: 404, body: { code: 'membership.not_found' } });
    const clientMembership = (await database().query<{ id: string }>('SELECT id FROM membership WHERE organization_id = $1', [client.id])).rows[0]!.id;
    const notTheClients = await callApi(clientManager, 'delete', `${onClientSide}/${clientMembership}`);
    expect(notTheClients).toMatchObject({
      status: 404,
      body: { code: 'mandate.not_found', field: '/mandateId', messages: { fr: 'Mandat introuvable.', en: 'Mandate not found.' } },
    });
    expect((await callApi(clientManager, 'delete', `${path}/${membershipId}`)).body.code).toBe('organization.not_found');
    const other = await createTestOrganization({ type: 'fiduciary' });
    const otherRepresentative = await createTestMember(other.id, 'legal_representative');
    const ownMembership = await membershipOf(otherRepresentative.personId, other.id);
    expect(
      (await callApi(await bearerOf(otherRepresentative), 'delete', `/organizations/${other.id}/mandates/${mandateId}/delegates/${ownMembership}`)).body.code,
    ).toBe('mandate.not_found');
    const notDelegate = await callApi(asRepresentative, 'delete', `${path}/${await membershipOf(bystander.personId, fiduciary.id)}`);
    expect(notDelegate).toMatchObject({
      status: 404,
      body: {
        code: 'delegate.not_found',
        field: '/membershipId',
        messages: { fr: 'Cette personne ne gère pas ce mandat.', en: 'This person does not handle this mandate.' },
      },
    });
    expect(await callApi(asRepresentative, 'delete', `${path}/not-a-membership`)).toMatchObject({ status: 404, body: { code: 'membership.not_found' } });
    expect(await written(mandateId, client.id)).toEqual(before);

    expect((await callApi(asRepresentative, 'delete', `${path}/${membershipId}`)).status).toBe(204);
    const removed = await written(mandateId, client.id);
    expect(await callApi(asRepresentative, 'delete', `${path}/${membershipId}`)).toMatchObject({ status: 404, body: { code: 'delegate.not_found' } });
    expect(await written(mandateId, client.id)).toEqual(removed);
  }, 120_000);

  it('R27: an ended mandate keeps who handled it (409), and a member or a delegate of the fiduciary may not remove anyone (403)', async () => {
    const delegate = await createTestMember(fiduciary.id, 'member', 'history');
    const { client, mandateId, path } = await mandateWith(delegate);
    const membershipId = await membershipOf(delegate.personId, fiduciary.id);
    expect((await callApi(await bearerOf(delegate), 'delete', `${path}/${membershipId}`)).body.code).toBe('policy.forbidden');
    await endMandate(database(), testActor, { mandateId, organizationId: client.id });
    const ended = await callApi(asRepresentative, 'delete', `${path}/${membershipId}`);
    expect(ended).toMatchObject({ status: 409, body: { code: 'mandate.not_open', messages: { en: 'This mandate is no longer open (rejected or ended).' } } });
    expect((await database().query('SELECT count(*)::int AS n FROM mandate_delegate WHERE mandate_id = $1', [mandateId])).rows[0].n).toBe(1);
  }, 120_000);

  it("R25, R15: each open mandate lists the services the CLIENT subscribes to, the only ones its delegates may get; the fiduciary's own do not count; an ended one, none", async () => {
    const { client, clientManager, mandateId } = await mandateWith();
    await subscribe(client.id, 'company-journal');
    await subscribe(fiduciary.id, 'contributions');
    const ofFiduciary = (await callApi(asRepresentative, 'get', `/organizations/${fiduciary.id}/mandates`)).body.items.find(
      (m: { id: string }) => m.id === mandateId,
    );
    expect(ofFiduciary.clientServices).toEqual(['company-journal', 'employer-inbox']);
    const ofClient = (await callApi(clientManager, 'get', `/organizations/${client.id}/mandates`)).body.items.find((m: { id: string }) => m.id === mandateId);
    expect(ofClient.clientServices).toEqual(['company-journal', 'employer-inbox']);

    // R27: once the mandate is over, the fiduciary no longer learns what the client subscribes to.
    await endMandate(database(), testActor, { mandateId, organizationId: client.id });
    const ended = (await callApi(asRepresentative, 'get', `/organizations/${fiduciary.id}/mandates`)).body.items.find(
      (m: { id: string }) => m.id === mandateId,
    );
    expect(ended).toMatchObject({ status: 'ended', clientServices: [] });
  }, 120_000);
});
