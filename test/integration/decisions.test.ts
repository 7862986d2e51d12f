import { beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '@procura/sync-service/members/rights';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { activeMandate, addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * R29, ASVS 5.0 V8.3.2: the decision endpoint, called by services with their own client
 * credentials (real Keycloak tokens), read from PostgreSQL at the instant of the question.
 */

type Person = Awaited<ReturnType<typeof createTestMember>>;
let inbox: ApiCaller;
let organization: TestOrganization;
let fiduciary: TestOrganization;
let branch: string;
let holder: Person;
let unitHolder: Person;
let delegate: Person;
let bystander: Person;

beforeAll(async () => {
  [organization, fiduciary] = await Promise.all([createTestOrganization(), createTestOrganization({ type: 'fiduciary' })]);
  await subscribe(organization.id, 'employer-inbox', 'contributions');
  branch = await addUnit(organization.id);
  [holder, unitHolder, bystander, delegate] = await Promise.all([
    createTestMember(organization.id, 'member', 'holder'),
    createTestMember(organization.id, 'member', 'unit'),
    createTestMember(organization.id, 'member', 'bystander'),
    createTestMember(fiduciary.id, 'member', 'delegate'),
  ]);
  await grant(holder.personId, organization.id, 'employer-inbox', 'read');
  await grant(unitHolder.personId, organization.id, 'employer-inbox', 'archive', branch);
  await grant(bystander.personId, organization.id, 'contributions', 'read');
  await activeMandate(fiduciary.id, organization.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'reply']] }]);
  inbox = { bearer: await serviceAccessToken('employer-inbox') };
}, 120_000);

const ask = (caller: ApiCaller, question: Record<string, unknown>) => callApi(caller, 'post', '/decisions', question);

describe('R29: the decision endpoint', () => {
  it("a service's client-credentials token is its service account's: client_id and azp name the client", async () => {
    const payload = decodePayload(await serviceAccessToken('employer-inbox'));
    expect(payload.azp).toBe('svc-employer-inbox');
    expect(payload.client_id).toBe('svc-employer-inbox');
  });

  it('answers with the reason: membership on the organization or on a unit, mandate via the fiduciary, or no right', async () => {
    const o = organization.identifier;
    expect((await ask(inbox, { subject: holder.keycloakId, organization: o, right: 'read' })).body).toEqual({
      allowed: true,
      reason: 'membership',
      scope: 'organization',
    });
    expect((await ask(inbox, { email: ` ${holder.email.toUpperCase()} `, organization: o, right: 'read', unit: branch })).body).toEqual({
      allowed: true,
      reason: 'membership',
      scope: 'organization',
    });
    expect((await ask(inbox, { subject: unitHolder.keycloakId, organization: o, right: 'archive', unit: branch })).body).toEqual({
      allowed: true,
      reason: 'membership',
      scope: 'unit',
    });
    expect((await ask(inbox, { subject: unitHolder.keycloakId, organization: o, right: 'archive' })).body).toEqual({ allowed: false, reason: 'no_right' });
    expect((await ask(inbox, { subject: delegate.keycloakId, organization: o, right: 'reply' })).body).toEqual({
      allowed: true,
      reason: 'mandate',
      via: fiduciary.identifier,
    });
    expect((await ask(inbox, { subject: delegate.keycloakId, organization: fiduciary.identifier, right: 'reply' })).body).toEqual({
      allowed: false,
      reason: 'not_subscribed',
    });
    expect((await ask(inbox, { subject: bystander.keycloakId, organization: o, right: 'read' })).body).toEqual({ allowed: false, reason: 'no_right' });
    expect((await ask(inbox, { email: 'nobody-at-all@example.test', organization: o, right: 'read' })).body).toEqual({ allowed: false, reason: 'no_right' });
    expect((await ask(inbox, { subject: holder.keycloakId, organization: '999999999999', right: 'read' })).body).toEqual({
      allowed: false,
      reason: 'organization_unknown',
    });
  });

  it("a revocation counts at once, while the person's token still says yes (ASVS 5.0 V8.3.2)", async () => {
    const person = await createTestMember(organization.id, 'member', 'revoked');
    await grant(person.personId, organization.id, 'employer-inbox', 'read');
    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [organization.id] } });
    const token = await serviceLogin(stack(), 'employer-inbox', person);
    const question = { subject: person.keycloakId, organization: organization.identifier, right: 'read' };
    expect((await ask(inbox, question)).body.allowed).toBe(true);
    await setRights(database(), testActor, { membershipId: await membershipOf(person.personId, organization.id), rights: [] });
    expect((await ask(inbox, question)).body).toEqual({ allowed: false, reason: 'no_right' });
    // The token issued before the revocation is a snapshot: it keeps saying yes until it expires (≤ 5 min).
    expect((decodePayload(token).organizations as Record<string, { rights: string[] }>)[organization.identifier]?.rights).toEqual(['read']);
  });

  it("a service asks only about its own rights: another service's is 403, a right it does not have is 422", async () => {
    const question = { subject: bystander.keycloakId, organization: organization.identifier, right: 'read' };
    const other = await ask(inbox, { ...question, service: 'company-journal' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('decision.other_service');
    expect((await ask(inbox, { ...question, service: 'employer-inbox' })).status).toBe(200);
    const unknown = await ask(inbox, { ...question, right: 'pay' });
    expect([unknown.status, unknown.body.code, unknown.body.field]).toEqual([422, 'decision.unknown_right', '/right']);
    expect((await ask(inbox, { organization: organization.identifier, right: 'read' })).status).toBe(422);
    expect((await ask(inbox, { ...question, email: holder.email })).status).toBe(422);
  });

  it('issue 16 item 10: the inbox asks about the read right of the services whose letters it shows, and of no other right', async () => {
    const question = { subject: bystander.keycloakId, organization: organization.identifier, service: 'contributions' };
    expect((await ask(inbox, { ...question, right: 'read' })).body).toEqual({ allowed: true, reason: 'membership', scope: 'organization' });
    expect((await ask(inbox, { ...question, subject: holder.keycloakId, right: 'read' })).body).toEqual({ allowed: false, reason: 'no_right' });
    const pay = await ask(inbox, { ...question, right: 'pay' });
    expect([pay.status, pay.body.code, pay.body.field]).toEqual([403, 'decision.right_not_aggregated', '/right']);
    // The catalogue declares what the inbox aggregates; the invoices service declares nothing.
    const invoices = { bearer: await serviceAccessToken('contributions') };
    expect((await ask(invoices, { ...question, service: 'employer-inbox', right: 'read' })).body.code).toBe('decision.other_service');
    // Of an organization that does not subscribe to the inbox, the inbox learns nothing about the invoices' rights.
    const elsewhere = await createTestOrganization();
    await subscribe(elsewhere.id, 'contributions');
    const payer = await createTestMember(elsewhere.id, 'member', 'elsewhere');
    await grant(payer.personId, elsewhere.id, 'contributions', 'read');
    expect((await ask(inbox, { subject: payer.keycloakId, organization: elsewhere.identifier, service: 'contributions', right: 'read' })).body).toEqual({
      allowed: false,
      reason: 'not_subscribed',
    });
    expect((await callApi(inbox, 'post', '/decisions/holders', { organization: elsewhere.identifier, service: 'contributions', right: 'read' })).body).toEqual({
      holders: [],
    });
  });

  it("issue 16 item 10: who holds a right now — the organization's holders, a unit's for its unit, the delegates with their fiduciary; a revocation counts at once", async () => {
    const holders = async (question: Record<string, unknown>) => {
      const answer = await callApi(inbox, 'post', '/decisions/holders', { organization: organization.identifier, ...question });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.holders as Array<{ email: string; via?: string }>).map((h) => (h.via ? `${h.email} via ${h.via}` : h.email));
    };
    expect(await holders({ right: 'read' })).toEqual([holder.email]);
    expect(await holders({ right: 'archive' })).toEqual([]);
    expect(await holders({ right: 'archive', unit: branch })).toEqual([unitHolder.email]);
    expect(await holders({ right: 'reply' })).toEqual([`${delegate.email} via ${fiduciary.identifier}`]);
    expect(await holders({ service: 'contributions', right: 'read' })).toEqual([bystander.email]);
    const late = await createTestMember(organization.id, 'member', 'late');
    await grant(late.personId, organization.id, 'contributions', 'read');
    expect(await holders({ service: 'contributions', right: 'read' })).toEqual([bystander.email, late.email].sort());
    await setRights(database(), testActor, { membershipId: await membershipOf(late.personId, organization.id), rights: [] });
    expect(await holders({ service: 'contributions', right: 'read' })).toEqual([bystander.email]);
    const refused = await callApi(inbox, 'post', '/decisions/holders', { organization: organization.identifier, service: 'contributions', right: 'pay' });
    expect([refused.status, refused.body.code]).toEqual([403, 'decision.right_not_aggregated']);
    expect((await callApi(await bearerOf(holder), 'post', '/decisions/holders', { organization: organization.identifier, right: 'read' })).status).toBe(403);
    expect(await callApi(inbox, 'post', '/decisions/holders', { organization: '999999999999', right: 'read' })).toMatchObject({
      status: 200,
      body: { holders: [] },
    });
  });

  it("only services: a person's console token is 403, a person's token of the service's client is refused (401), nobody is 401", async () => {
    const question = { subject: holder.keycloakId, organization: organization.identifier, right: 'read' };
    const person = await ask(await bearerOf(holder), question);
    expect([person.status, person.body.code]).toEqual([403, 'policy.forbidden']);
    const relayed = await ask({ bearer: await serviceLogin(stack(), 'employer-inbox', holder) }, question);
    expect([relayed.status, relayed.body.code]).toEqual([401, 'auth.invalid_token']);
    expect((await ask('anonymous', question)).status).toBe(401);
    const forged = (await serviceAccessToken('employer-inbox')).replace(/\.[^.]+$/, '.AAAA');
    expect((await ask({ bearer: forged }, question)).status).toBe(401);
  });
});
