import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { activeMandate, addUnit, grant, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 21 item 3: the decision endpoint as an OpenID AuthZEN policy decision point (Authorization
 * API 1.0: Access Evaluation, Access Evaluations, the PDP metadata), called by a service with its
 * own client credentials (real Keycloak tokens), answered from PostgreSQL at the instant.
 */

type Person = Awaited<ReturnType<typeof createTestMember>>;
let inbox: ApiCaller;
let organization: TestOrganization;
let fiduciary: TestOrganization;
let branch: string;
let holder: Person;
let unitHolder: Person;
let delegate: Person;

beforeAll(async () => {
  [organization, fiduciary] = await Promise.all([createTestOrganization(), createTestOrganization({ type: 'fiduciary' })]);
  await subscribe(organization.id, 'employer-inbox');
  branch = await addUnit(organization.id);
  [holder, unitHolder, delegate] = await Promise.all([
    createTestMember(organization.id, 'member', 'az-holder'),
    createTestMember(organization.id, 'member', 'az-unit'),
    createTestMember(fiduciary.id, 'member', 'az-delegate'),
  ]);
  await grant(holder.personId, organization.id, 'employer-inbox', 'read');
  await grant(unitHolder.personId, organization.id, 'employer-inbox', 'archive', branch);
  await activeMandate(fiduciary.id, organization.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'reply']] }]);
  inbox = { bearer: await serviceAccessToken('employer-inbox') };
}, 120_000);

const user = (person: Person, by: 'sub' | 'email' = 'sub') => ({ type: 'user', id: by === 'sub' ? person.keycloakId : person.email });
const theOrganization = () => ({ type: 'organization', id: organization.identifier });
const theBranch = () => ({ type: 'unit', id: branch, properties: { organization: organization.identifier } });
const evaluate = (caller: ApiCaller, request: Record<string, unknown>) => callApi(caller, 'post', '/access/v1/evaluation', request);

describe('AuthZEN: the decision endpoint as a policy decision point', () => {
  it('publishes its metadata at /.well-known/authzen-configuration, and the endpoints it names answer', async () => {
    const { publicUrl } = stack();
    const response = await fetch(`${publicUrl}/.well-known/authzen-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, string>;
    expect(metadata).toEqual({
      policy_decision_point: publicUrl,
      access_evaluation_endpoint: `${publicUrl}/api/v1/access/v1/evaluation`,
      access_evaluations_endpoint: `${publicUrl}/api/v1/access/v1/evaluations`,
    });
    const answer = await fetch(metadata.access_evaluation_endpoint!, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(inbox as { bearer: string }).bearer}`,
        'content-type': 'application/json',
        'x-request-id': 'bfe9eb29-ab87-4ca3-be83-a1d5d8305716',
      },
      body: JSON.stringify({ subject: user(holder), action: { name: 'read' }, resource: theOrganization(), context: { time: '1985-10-26T01:22-07:00' } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('bfe9eb29-ab87-4ca3-be83-a1d5d8305716');
    expect(await answer.json()).toEqual({ decision: true, context: { reason: 'membership', scope: 'organization' } });
  });

  it('answers as the decision endpoint does: by sub or e-mail, on the organization or a unit, through a mandate, and no', async () => {
    expect((await evaluate(inbox, { subject: user(holder, 'email'), action: { name: 'read' }, resource: theBranch() })).body).toEqual({
      decision: true,
      context: { reason: 'membership', scope: 'organization' },
    });
    expect((await evaluate(inbox, { subject: user(unitHolder), action: { name: 'archive' }, resource: theBranch() })).body).toEqual({
      decision: true,
      context: { reason: 'membership', scope: 'unit' },
    });
    expect((await evaluate(inbox, { subject: user(unitHolder), action: { name: 'archive' }, resource: theOrganization() })).body).toEqual({
      decision: false,
      context: { reason: 'no_right' },
    });
    expect((await evaluate(inbox, { subject: user(delegate), action: { name: 'reply' }, resource: theOrganization() })).body).toEqual({
      decision: true,
      context: { reason: 'mandate', via: fiduciary.identifier },
    });
    expect(
      (await evaluate(inbox, { subject: { type: 'user', id: 'nobody-at-all@example.test' }, action: { name: 'read' }, resource: theOrganization() })).body,
    ).toEqual({ decision: false, context: { reason: 'no_right' } });
    expect((await evaluate(inbox, { subject: user(holder), action: { name: 'read' }, resource: { type: 'organization', id: '999999999999' } })).body).toEqual({
      decision: false,
      context: { reason: 'organization_unknown' },
    });
  });

  it('boxcars: defaults with overrides, in order, and the three semantics', async () => {
    const request = (semantic: string) => ({
      subject: user(unitHolder),
      resource: theBranch(),
      options: { evaluations_semantic: semantic },
      evaluations: [
        { action: { name: 'archive' } },
        { action: { name: 'read' } },
        { action: { name: 'archive' }, resource: theOrganization() },
        { subject: user(holder), action: { name: 'read' } },
      ],
    });
    const decisions = async (semantic: string) => {
      const answer = await callApi(inbox, 'post', '/access/v1/evaluations', request(semantic));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.evaluations as Array<{ decision: boolean }>).map((e) => e.decision);
    };
    expect(await decisions('execute_all')).toEqual([true, false, false, true]);
    expect(await decisions('deny_on_first_deny')).toEqual([true, false]);
    expect(await decisions('permit_on_first_permit')).toEqual([true]);
  });

  it('an evaluation that cannot be asked is denied with its error in the batch, and refused with a problem alone', async () => {
    const batch = await callApi(inbox, 'post', '/access/v1/evaluations', {
      subject: user(holder),
      resource: theOrganization(),
      evaluations: [{ action: { name: 'pay' } }, { action: { name: 'read', properties: { service: 'company-journal' } } }, { action: { name: 'read' } }],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.evaluations).toEqual([
      { decision: false, context: { error: expect.objectContaining({ status: 422, code: 'decision.unknown_right', field: '/right' }) } },
      { decision: false, context: { error: expect.objectContaining({ status: 403, code: 'decision.other_service' }) } },
      { decision: true, context: { reason: 'membership', scope: 'organization' } },
    ]);
    const alone = await evaluate(inbox, { subject: user(holder), action: { name: 'pay' }, resource: theOrganization() });
    expect([alone.status, alone.body.code, alone.body.field]).toEqual([422, 'decision.unknown_right', '/right']);
    const book = await evaluate(inbox, { subject: user(holder), action: { name: 'read' }, resource: { type: 'book', id: '123' } });
    expect([book.status, book.body.field]).toEqual([422, '/resource/type']);
    expect(book.body.detail ?? book.body.title).toBeTruthy();
  });

  it("only services: nobody is 401, a person's console token is 403", async () => {
    const request = { subject: user(holder), action: { name: 'read' }, resource: theOrganization() };
    expect((await evaluate('anonymous', request)).status).toBe(401);
    expect((await evaluate(await bearerOf(holder), request)).status).toBe(403);
  });
});
