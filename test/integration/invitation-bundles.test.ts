import { beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { setOrganizationStatus } from '@procura/sync-service/organizations/commands';
import { setMailSecurityKey } from '@procura/sync-service/organizations/mail-security-key';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { linkIn, mailsTo, type ReceivedMail } from '../helpers/mail.js';
import { activeMandate, subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, uniqueEmail } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

/**
 * Issue 16 items 9 and 7 (fer-ge « le choix des entreprises, ainsi que les droits », decision 0050)
 * through the real stack: one invitation for several organizations the manager manages, one
 * e-mail, one link, every membership at acceptance; a fiduciary employee attached to the chosen
 * mandates with their rights in the same step; the new person's real token carries it all.
 */

let alpha: TestOrganization;
let beta: TestOrganization;
let gamma: TestOrganization;
let elsewhere: TestOrganization;
let asManager: ApiCaller;
let managerEmail: string;

const inbox = (rightId: string) => ({ serviceId: 'employer-inbox', rightId });
const password = 'Bundle-Leman-2026!';
const invitationMails = async (email: string) => (await mailsTo(email)).filter((mail) => /^Invitation à rejoindre/.test(mail.subject));
const tokenIn = (mail: ReceivedMail) => linkIn(mail, `${stack().publicUrl}/invitation#token=`).split('#token=')[1]!;

/** The invitation e-mails to `email` once there are `count`: their tokens, the last one last. */
async function tokens(email: string, count = 1): Promise<string[]> {
  for (let tries = 0; tries < 75; tries++) {
    const mails = await invitationMails(email);
    if (mails.length >= count) return mails.map(tokenIn);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`fewer than ${count} invitation e-mails to ${email}`);
}

/** What a refused invitation could have written for `email`: the person, memberships, invitations, chosen mandates. */
async function writtenFor(email: string): Promise<unknown> {
  const { rows } = await database().query(
    `SELECT (SELECT count(*) FROM person WHERE email = $1)::int AS people,
            (SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1)::int AS memberships,
            (SELECT count(*) FROM invitation WHERE email = $1)::int AS invitations,
            (SELECT count(*) FROM invitation_mandate im JOIN invitation i ON i.id = im.invitation_id WHERE i.email = $1)::int AS mandates`,
    [email],
  );
  return rows[0];
}

async function employerInboxClaims(person: { email: string; password: string }): Promise<Record<string, unknown>> {
  return (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)).organizations as Record<string, unknown> | undefined) ?? {};
}

beforeAll(async () => {
  alpha = await createTestOrganization({ legalName: 'Alpha Lot SA' });
  beta = await createTestOrganization({ legalName: 'Beta Lot SA' });
  gamma = await createTestOrganization({ legalName: 'Gamma Lot SA' });
  elsewhere = await createTestOrganization({ legalName: 'Ailleurs Lot SA' });
  await subscribe(alpha.id, 'employer-inbox');
  await subscribe(beta.id, 'employer-inbox');
  const manager = await createTestMember(alpha.id, 'manager', 'bundler');
  await addMember(database(), testActor, { organizationId: beta.id, email: manager.email, role: 'manager', status: 'active' });
  await addMember(database(), testActor, { organizationId: gamma.id, email: manager.email, role: 'manager', status: 'active' });
  await addMember(database(), testActor, { organizationId: elsewhere.id, email: manager.email, role: 'member', status: 'active' });
  asManager = await bearerOf(manager);
  managerEmail = manager.email;
}, 120_000);

describe('issue 16 item 9: one invitation for several organizations', () => {
  it("R13, R15, R16: refused as a whole, nothing written and no e-mail, when one organization is not the manager's to run or a right is not offered there; else one e-mail, one link, both memberships at acceptance, both in the new token", async () => {
    const email = uniqueEmail('bundled');
    const path = `/organizations/${alpha.id}/invitations`;
    const body = { email, givenName: 'Noé', familyName: 'Lot', role: 'member', rights: [inbox('read')] };

    // R13: a member (not a manager) of the second organization; an organization the manager has nothing to do with (as if it did not exist).
    const onlyMember = await callApi(asManager, 'post', path, {
      ...body,
      organizations: [
        { organizationId: beta.id, role: 'member' },
        { organizationId: elsewhere.id, role: 'member' },
      ],
    });
    expect(onlyMember).toMatchObject({ status: 403, body: { field: '/organizations/1/organizationId' } });
    const stranger = await createTestOrganization();
    expect(await callApi(asManager, 'post', path, { ...body, organizations: [{ organizationId: stranger.id, role: 'member' }] })).toMatchObject({
      status: 404,
      body: { code: 'organization.not_found', field: '/organizations/0/organizationId' },
    });
    // R15: Gamma subscribes to no service: its rights are not offered.
    const unsubscribed = await callApi(asManager, 'post', path, {
      ...body,
      organizations: [{ organizationId: gamma.id, role: 'member', rights: [inbox('read')] }],
    });
    expect(unsubscribed).toMatchObject({ status: 422, body: { code: 'right.service_not_subscribed', field: '/organizations/0/rights' } });
    expect(unsubscribed.body.messages.en).toBeTruthy();
    expect(await writtenFor(email)).toEqual({ people: 0, memberships: 0, invitations: 0, mandates: 0 });

    const invited = await callApi(asManager, 'post', path, {
      ...body,
      organizations: [{ organizationId: beta.id, role: 'observer', rights: [inbox('archive')] }],
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({ email, role: 'member', alsoFor: ['Beta Lot SA'] });
    // Each organization lists it, audited there.
    const inBeta = (await callApi(asManager, 'get', `/organizations/${beta.id}/invitations`)).body.items.find((i: { email: string }) => i.email === email);
    expect(inBeta).toMatchObject({ role: 'observer', alsoFor: ['Alpha Lot SA'], linkExpired: false });
    const { rows: audited } = await database().query(
      `SELECT organization_id FROM audit_entry WHERE action = 'invitation.created' AND after->>'email' = $1 ORDER BY organization_id = $2`,
      [email, alpha.id],
    );
    expect(audited).toEqual([{ organization_id: beta.id }, { organization_id: alpha.id }]);

    const [token] = await tokens(email);
    const mails = await invitationMails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Invitation à rejoindre Alpha Lot SA, Beta Lot SA/);
    expect((await callApi('anonymous', 'post', '/invitations/preview', { token })).body).toMatchObject({
      organizations: [
        { name: 'Alpha Lot SA', role: 'member' },
        { name: 'Beta Lot SA', role: 'observer' },
      ],
      mandates: [],
    });

    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password });
    expect(accepted).toMatchObject({ status: 200, body: { organizationId: alpha.id, skipped: { organizations: [], mandates: [] } } });
    expect(accepted.body.organizations.map((o: { organizationName: string }) => o.organizationName)).toEqual(['Alpha Lot SA', 'Beta Lot SA']);
    const { rows: memberships } = await database().query(
      `SELECT m.organization_id, m.role, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 ORDER BY m.organization_id = $2 DESC`,
      [email, alpha.id],
    );
    expect(memberships).toEqual([
      { organization_id: alpha.id, role: 'member', status: 'active' },
      { organization_id: beta.id, role: 'observer', status: 'active' },
    ]);
    expect((await database().query(`SELECT DISTINCT status FROM invitation WHERE email = $1`, [email])).rows).toEqual([{ status: 'accepted' }]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [alpha.id, beta.id] } });
    expect(await employerInboxClaims({ email, password })).toEqual({ [alpha.identifier]: { rights: ['read'] }, [beta.identifier]: { rights: ['archive'] } });
  }, 150_000);

  it('R17: re-sending from either organization sends the one link of both, the old one void; revoking from either withdraws both, each audited in its organization', async () => {
    const email = uniqueEmail('bundled-revoked');
    const invited = await callApi(asManager, 'post', `/organizations/${alpha.id}/invitations`, {
      email,
      role: 'member',
      organizations: [{ organizationId: beta.id, role: 'member' }],
    });
    expect(invited.status).toBe(201);
    const [first] = await tokens(email);
    const inBeta = (await callApi(asManager, 'get', `/organizations/${beta.id}/invitations`)).body.items.find((i: { email: string }) => i.email === email);
    expect((await callApi(asManager, 'post', `/organizations/${beta.id}/invitations/${inBeta.id}/resend`, {})).status).toBe(200);
    const [, second] = await tokens(email, 2);
    expect(await callApi('anonymous', 'post', '/invitations/preview', { token: first })).toMatchObject({ status: 410 });
    expect((await callApi('anonymous', 'post', '/invitations/preview', { token: second })).body.organizations).toHaveLength(2);

    expect((await callApi(asManager, 'delete', `/organizations/${beta.id}/invitations/${inBeta.id}`)).status).toBe(204);
    expect((await database().query(`SELECT DISTINCT status FROM invitation WHERE email = $1`, [email])).rows).toEqual([{ status: 'revoked' }]);
    expect(await writtenFor(email)).toMatchObject({ memberships: 0 });
    const { rows: audited } = await database().query(
      `SELECT organization_id FROM audit_entry WHERE action = 'invitation.revoked' AND before->>'email' = $1 ORDER BY organization_id = $2`,
      [email, alpha.id],
    );
    expect(audited).toEqual([{ organization_id: beta.id }, { organization_id: alpha.id }]);
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token: second, password })).toMatchObject({ status: 410 });
    expect((await callApi(asManager, 'get', `/organizations/${alpha.id}/invitations`)).body.items.some((i: { email: string }) => i.email === email)).toBe(
      false,
    );
  }, 120_000);

  it.each([
    { revokedIn: 'the second', revoker: () => beta, stays: () => alpha },
    { revokedIn: "the first (the link's own)", revoker: () => alpha, stays: () => beta },
  ])(
    'R13: a manager of only $revokedIn organization revokes that part only; the link still takes the person into the other, which they do not run',
    async ({ revoker, stays }) => {
      const email = uniqueEmail('bundled-partly-revoked');
      const manager = await bearerOf(await createTestMember(revoker().id, 'manager', 'one-org-manager'));
      expect(
        (
          await callApi(asManager, 'post', `/organizations/${alpha.id}/invitations`, {
            email,
            role: 'member',
            organizations: [{ organizationId: beta.id, role: 'member' }],
          })
        ).status,
      ).toBe(201);
      const [token] = await tokens(email);
      const part = (await callApi(manager, 'get', `/organizations/${revoker().id}/invitations`)).body.items.find((i: { email: string }) => i.email === email);
      expect((await callApi(manager, 'delete', `/organizations/${revoker().id}/invitations/${part.id}`)).status).toBe(204);

      const { rows: parts } = await database().query(`SELECT organization_id, status FROM invitation WHERE email = $1 ORDER BY organization_id = $2`, [
        email,
        stays().id,
      ]);
      expect(parts).toEqual([
        { organization_id: revoker().id, status: 'revoked' },
        { organization_id: stays().id, status: 'pending' },
      ]);
      const { rows: audited } = await database().query(
        `SELECT organization_id FROM audit_entry WHERE action = 'invitation.revoked' AND before->>'email' = $1`,
        [email],
      );
      expect(audited).toEqual([{ organization_id: revoker().id }]);
      const stillListed = (await callApi(asManager, 'get', `/organizations/${stays().id}/invitations`)).body.items.find(
        (i: { email: string }) => i.email === email,
      );
      expect(stillListed).toMatchObject({ email, alsoFor: [] });
      expect((await callApi('anonymous', 'post', '/invitations/preview', { token })).body.organizations).toEqual([
        expect.objectContaining({ name: stays().legalName }),
      ]);
      expect((await callApi('anonymous', 'post', '/invitations/accept', { token, password, givenName: 'Ana', familyName: 'Bessard' })).status).toBe(200);
      const { rows: joined } = await database().query(
        `SELECT m.organization_id, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1`,
        [email],
      );
      expect(joined).toEqual([{ organization_id: stays().id, status: 'active' }]);
    },
    120_000,
  );

  it('R18: a pending person removed from the members of one organization takes that part of the invitation with them: withdrawn, audited, no longer named beside the other', async () => {
    const email = uniqueEmail('bundled-member-removed');
    expect(
      (
        await callApi(asManager, 'post', `/organizations/${alpha.id}/invitations`, {
          email,
          role: 'member',
          organizations: [{ organizationId: beta.id, role: 'member' }],
        })
      ).status,
    ).toBe(201);
    const part = (await callApi(asManager, 'get', `/organizations/${beta.id}/invitations`)).body.items.find((i: { email: string }) => i.email === email);
    expect((await callApi(asManager, 'delete', `/organizations/${beta.id}/members/${part.membershipId}`)).status).toBe(204);

    const { rows: parts } = await database().query(`SELECT organization_id, status FROM invitation WHERE email = $1 ORDER BY organization_id = $2`, [
      email,
      alpha.id,
    ]);
    expect(parts).toEqual([
      { organization_id: beta.id, status: 'revoked' },
      { organization_id: alpha.id, status: 'pending' },
    ]);
    const { rows: audited } = await database().query(`SELECT organization_id FROM audit_entry WHERE action = 'invitation.revoked' AND before->>'email' = $1`, [
      email,
    ]);
    expect(audited).toEqual([{ organization_id: beta.id }]);
    const inAlpha = (await callApi(asManager, 'get', `/organizations/${alpha.id}/invitations`)).body.items.find((i: { email: string }) => i.email === email);
    expect(inAlpha).toMatchObject({ email, alsoFor: [] });
  }, 120_000);

  it('R16 (Geneva): each organization of the link that has a mail security key asks its own, the first or not; a key missing or wrong joins nobody', async () => {
    const keyed = await createTestOrganization({ legalName: 'Clé Lot SA' });
    const alsoKeyed = await createTestOrganization({ legalName: 'Autre Clé Lot SA' });
    for (const organization of [keyed, alsoKeyed])
      await addMember(database(), testActor, { organizationId: organization.id, email: managerEmail, role: 'manager', status: 'active' });
    await setMailSecurityKey(database(), testActor, { organizationId: keyed.id, key: 'Rhone-2026-cle' });
    await setMailSecurityKey(database(), testActor, { organizationId: alsoKeyed.id, key: 'Arve-2026-cle' });

    // The first organization has no key, the second has one: it is asked all the same.
    const one = uniqueEmail('bundled-second-key');
    expect(
      (
        await callApi(asManager, 'post', `/organizations/${alpha.id}/invitations`, {
          email: one,
          givenName: 'Ana',
          familyName: 'Bessard',
          role: 'member',
          organizations: [{ organizationId: keyed.id, role: 'member' }],
        })
      ).status,
    ).toBe(201);
    const [token] = await tokens(one);
    const preview = (await callApi('anonymous', 'post', '/invitations/preview', { token })).body;
    expect(preview.asks.mailSecurityKey).toBe(true);
    expect(preview.organizations).toEqual([
      { organizationId: alpha.id, name: 'Alpha Lot SA', role: 'member', mailSecurityKey: false },
      { organizationId: keyed.id, name: 'Clé Lot SA', role: 'member', mailSecurityKey: true },
    ]);
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token, password })).toMatchObject({
      status: 422,
      body: { code: 'invitation.mail_security_key_required', field: '/mailSecurityKey' },
    });
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token, password, mailSecurityKey: 'Arve-2026-cle' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.mail_security_key_wrong' },
    });
    expect(await writtenFor(one)).toMatchObject({ memberships: 2 });
    const { rows: before } = await database().query(
      `SELECT count(*)::int AS active FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1 AND m.status = 'active'`,
      [one],
    );
    expect(before).toEqual([{ active: 0 }]);
    expect((await callApi('anonymous', 'post', '/invitations/accept', { token, password, mailSecurityKey: 'rhone-2026-cle' })).body.organizations).toHaveLength(
      2,
    );

    // Two organizations with keys: each its own, by organization.
    const two = uniqueEmail('bundled-two-keys');
    expect(
      (
        await callApi(asManager, 'post', `/organizations/${keyed.id}/invitations`, {
          email: two,
          givenName: 'Ana',
          familyName: 'Bessard',
          role: 'member',
          organizations: [{ organizationId: alsoKeyed.id, role: 'member' }],
        })
      ).status,
    ).toBe(201);
    const [second] = await tokens(two);
    expect(await callApi('anonymous', 'post', '/invitations/accept', { token: second, password, mailSecurityKey: 'Rhone-2026-cle' })).toMatchObject({
      status: 422,
      body: { code: 'invitation.mail_security_key_required', field: `/mailSecurityKeys/${alsoKeyed.id}` },
    });
    expect(
      await callApi('anonymous', 'post', '/invitations/accept', {
        token: second,
        password,
        mailSecurityKeys: { [keyed.id]: 'Rhone-2026-cle', [alsoKeyed.id]: 'Rhone-2026-cle' },
      }),
    ).toMatchObject({ status: 422, body: { code: 'invitation.mail_security_key_wrong', field: `/mailSecurityKeys/${alsoKeyed.id}` } });
    const accepted = await callApi('anonymous', 'post', '/invitations/accept', {
      token: second,
      password,
      mailSecurityKeys: { [keyed.id]: 'Rhone-2026-cle', [alsoKeyed.id]: 'Arve-2026-cle' },
    });
    expect(accepted.body.organizations.map((o: { organizationName: string }) => o.organizationName)).toEqual(['Clé Lot SA', 'Autre Clé Lot SA']);
  }, 120_000);

  it('R11, decision 0050: an organization suspended meanwhile is left out at acceptance, the person told by name; the others are joined', async () => {
    const suspended = await createTestOrganization({ legalName: 'Delta Suspendue SA' });
    await addMember(database(), testActor, { organizationId: suspended.id, email: managerEmail, role: 'manager', status: 'active' });
    const email = uniqueEmail('bundled-skipped');
    expect(
      (
        await callApi(asManager, 'post', `/organizations/${alpha.id}/invitations`, {
          email,
          givenName: 'Zoé',
          familyName: 'Lot',
          role: 'member',
          organizations: [{ organizationId: suspended.id, role: 'member' }],
        })
      ).status,
    ).toBe(201);
    const [token] = await tokens(email);
    await database().query(`UPDATE organization SET status = 'suspended' WHERE id = $1`, [suspended.id]);

    expect((await callApi('anonymous', 'post', '/invitations/preview', { token })).body.organizations).toEqual([
      { organizationId: alpha.id, name: 'Alpha Lot SA', role: 'member', mailSecurityKey: false },
    ]);
    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password });
    expect(accepted).toMatchObject({
      status: 200,
      body: { organizations: [{ organizationId: alpha.id }], skipped: { organizations: ['Delta Suspendue SA'], mandates: [] } },
    });
    const { rows } = await database().query(
      `SELECT i.organization_id, i.status, m.status AS membership FROM invitation i LEFT JOIN membership m ON m.id = i.membership_id WHERE i.email = $1 ORDER BY i.organization_id = $2 DESC`,
      [email, alpha.id],
    );
    expect(rows).toEqual([
      { organization_id: alpha.id, status: 'accepted', membership: 'active' },
      { organization_id: suspended.id, status: 'voided', membership: null },
    ]);
    const voided = await database().query(`SELECT after FROM audit_entry WHERE action = 'invitation.voided' AND organization_id = $1`, [suspended.id]);
    expect(voided.rows).toEqual([{ after: { status: 'voided', reason: 'organization.suspended' } }]);
  }, 120_000);

  it('R11, decision 0050: the first organization closed meanwhile (its part voided by the closure), the one link still takes the person into the other', async () => {
    const closing = await createTestOrganization({ legalName: 'Epsilon Fermée SA' });
    await addMember(database(), testActor, { organizationId: closing.id, email: managerEmail, role: 'manager', status: 'active' });
    const email = uniqueEmail('bundled-first-closed');
    expect(
      (
        await callApi(asManager, 'post', `/organizations/${closing.id}/invitations`, {
          email,
          givenName: 'Léo',
          familyName: 'Lot',
          role: 'member',
          organizations: [{ organizationId: beta.id, role: 'member' }],
        })
      ).status,
    ).toBe(201);
    const [token] = await tokens(email);
    await setOrganizationStatus(database(), testActor, { organizationId: closing.id, status: 'closed' });

    expect((await callApi('anonymous', 'post', '/invitations/preview', { token })).body).toMatchObject({
      email,
      organizations: [{ name: 'Beta Lot SA', role: 'member' }],
    });
    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password });
    expect(accepted).toMatchObject({
      status: 200,
      body: { organizationId: beta.id, organizations: [{ organizationId: beta.id }], skipped: { organizations: ['Epsilon Fermée SA'] } },
    });
    const { rows } = await database().query(`SELECT m.organization_id, m.status FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1`, [
      email,
    ]);
    expect(rows).toEqual([{ organization_id: beta.id, status: 'active' }]);
  }, 120_000);
});

describe("issue 16 item 7: a fiduciary employee attached to chosen mandates in the invitation's step", () => {
  let fiduciary: TestOrganization;
  let client: TestOrganization;
  let asRepresentative: ApiCaller;
  let mandateId: string;

  beforeAll(async () => {
    fiduciary = await createTestOrganization({ type: 'fiduciary', legalName: 'Fiduciaire Lot SA' });
    client = await createTestOrganization({ legalName: 'Client Lot SA' });
    await subscribe(client.id, 'employer-inbox', 'contributions');
    asRepresentative = await bearerOf(await createTestMember(fiduciary.id, 'legal_representative'));
    mandateId = await activeMandate(fiduciary.id, client.id, []);
    // Issue 16 item 7: the mandate covers the inbox only, not the contributions the client also subscribes to.
    await database().query(`UPDATE mandate SET services = ARRAY['employer-inbox'] WHERE id = $1`, [mandateId]);
  }, 120_000);

  it("R25, R15: a right outside the mandate's services, or a mandate not the fiduciary's, refuses the invitation and changes nothing; else the person is a delegate with those rights at acceptance, in their first token", async () => {
    const email = uniqueEmail('fiduciary-employee');
    const path = `/organizations/${fiduciary.id}/invitations`;
    const outside = await callApi(asRepresentative, 'post', path, {
      email,
      role: 'member',
      mandates: [{ mandateId, rights: [inbox('read'), { serviceId: 'contributions', rightId: 'read' }] }],
    });
    expect(outside).toMatchObject({ status: 422, body: { code: 'mandate.service_not_covered', field: '/mandates/0/rights/1' } });
    const otherFiduciary = await createTestOrganization({ type: 'fiduciary' });
    const foreign = await activeMandate(otherFiduciary.id, client.id, []);
    expect(await callApi(asRepresentative, 'post', path, { email, role: 'member', mandates: [{ mandateId: foreign }] })).toMatchObject({
      status: 404,
      body: { code: 'mandate.not_found', field: '/mandates/0/mandateId' },
    });
    expect(await writtenFor(email)).toEqual({ people: 0, memberships: 0, invitations: 0, mandates: 0 });

    expect(
      (
        await callApi(asRepresentative, 'post', path, {
          email,
          givenName: 'Lina',
          familyName: 'Mandat',
          role: 'member',
          mandates: [{ mandateId, rights: [inbox('read')] }],
        })
      ).status,
    ).toBe(201);
    // Nobody handles the mandate before the person accepts.
    expect((await database().query('SELECT 1 FROM mandate_delegate WHERE mandate_id = $1', [mandateId])).rowCount).toBe(0);
    const [token] = await tokens(email);
    expect((await callApi('anonymous', 'post', '/invitations/preview', { token })).body.mandates).toEqual([
      { clientName: 'Client Lot SA', rights: [inbox('read')] },
    ]);

    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password });
    expect(accepted).toMatchObject({ status: 200, body: { mandates: [mandateId], skipped: { organizations: [], mandates: [] } } });
    const { rows: rights } = await database().query(
      `SELECT r.service_id, r.right_id FROM mandate_delegate_right r JOIN membership m ON m.id = r.membership_id JOIN person p ON p.id = m.person_id WHERE r.mandate_id = $1 AND p.email = $2`,
      [mandateId, email],
    );
    expect(rights).toEqual([{ service_id: 'employer-inbox', right_id: 'read' }]);
    const listed = (await callApi(asRepresentative, 'get', `/organizations/${fiduciary.id}/mandates`)).body.items.find(
      (m: { id: string }) => m.id === mandateId,
    );
    expect(listed.delegates.map((d: { email: string }) => d.email)).toEqual([email]);

    await reconcile(database(), keycloakAdmin(), { scope: { organizationIds: [fiduciary.id, client.id] } });
    expect(await employerInboxClaims({ email, password })).toEqual({ [client.identifier]: { rights: ['read'], via: fiduciary.identifier } });
  }, 150_000);

  it("R27, decision 0050: a mandate ended before the acceptance is left out, the person told the client's name; the membership is made", async () => {
    const other = await createTestOrganization({ legalName: 'Client Fini SA' });
    await subscribe(other.id, 'employer-inbox');
    const ending = await activeMandate(fiduciary.id, other.id, []);
    const email = uniqueEmail('fiduciary-late');
    expect(
      (
        await callApi(asRepresentative, 'post', `/organizations/${fiduciary.id}/invitations`, {
          email,
          givenName: 'Max',
          familyName: 'Lot',
          role: 'member',
          mandates: [{ mandateId: ending, rights: [inbox('read')] }],
        })
      ).status,
    ).toBe(201);
    const [token] = await tokens(email);
    await database().query(`UPDATE mandate SET status = 'ended' WHERE id = $1`, [ending]);
    const accepted = await callApi('anonymous', 'post', '/invitations/accept', { token, password });
    expect(accepted).toMatchObject({
      status: 200,
      body: { organizationId: fiduciary.id, mandates: [], skipped: { organizations: [], mandates: ['Client Fini SA'] } },
    });
    expect((await database().query('SELECT 1 FROM mandate_delegate WHERE mandate_id = $1', [ending])).rowCount).toBe(0);
  }, 120_000);
});
