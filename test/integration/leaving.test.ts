import { beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '@procura/sync-service/members/commands';
import { eraseDeparted } from '@procura/sync-service/erasure/erase';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import { confirmEmailChange, requestEmailChange } from '@procura/sync-service/me/commands';
import { createLogger } from '@procura/sync-service/logger';
import { drainOutbox } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi } from '../helpers/api.js';
import { CookieJar, isAppCodePage, pageOfSecondStep, submitPassword } from '../helpers/browserless.js';
import { loginToConsole } from '../helpers/console-session.js';
import { keycloakUser, updateKeycloakUser } from '../helpers/keycloak-user.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization, uniqueUid, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail, type TestPerson } from '../helpers/people.js';
import { consoleAuthorization, loginWithPassword, refresh } from '../helpers/tokens.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';

/**
 * Issue 16 item 5 (fer-ge, ge-edemarches, peps: « suppression au départ »), against the real
 * Keycloak: removing a person's last membership, by any path, disables their login and ends their
 * sessions; an invitation gives it back; people who still belong somewhere, and the operator's
 * staff, keep theirs.
 */

let organization: TestOrganization;
let representative: TestPerson & { personId: string };
beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Départs SA' });
  representative = await createTestMember(organization.id, 'legal_representative', 'rep');
}, 120_000);

/**
 * Applies what the commands asked of the projection, as the outbox worker does (the test stack
 * runs none), this organization's rows only (the other files' backlog is theirs); another file's drain
 * may hold one of its rows meanwhile (drains skip locked rows), so this waits until none is left.
 */
const project = async (): Promise<void> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    while ((await drainOutbox(database(), keycloakAdmin(), { organizationIds: [organization.id] })).applied > 0);
    const { rows } = await database().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'projection' AND processed_at IS NULL AND aggregate_id = $1`,
      [organization.id],
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0]!.n} projection rows still unprocessed after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** What Keycloak answers to the person's password: the second step (the password was right and the account may log in), or the page's text. */
async function passwordAnswer(person: Pick<TestPerson, 'email' | 'password'>): Promise<string> {
  const { url, redirectUri } = await consoleAuthorization();
  const step = await submitPassword(new CookieJar(), url, redirectUri, person);
  if (!step.response) return 'signed in';
  const html = await step.response.text();
  if (pageOfSecondStep(html, step.url) || isAppCodePage(html)) return 'second step';
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

const removeThroughApi = async (person: { personId: string }) =>
  callApi(await bearerOf(representative), 'delete', `/organizations/${organization.id}/members/${await membershipOf(person.personId, organization.id)}`);

describe('R18: removing the last membership disables the login and ends the sessions', () => {
  it('R18: after the removal the password is refused (account disabled), the refresh token no longer works, the console session answers 401', async () => {
    const leaving = await createTestMember(organization.id, 'member', 'leaving');
    const tokens = await loginWithPassword(leaving);
    const browser = await loginToConsole(leaving);
    expect((await callApi({ session: browser }, 'get', '/me')).status).toBe(200);

    expect((await removeThroughApi(leaving)).status).toBe(204);
    expect((await callApi({ session: browser }, 'get', '/me')).status).toBe(401);
    await project();

    expect((await keycloakUser(leaving.keycloakId)).enabled).toBe(false);
    expect(await passwordAnswer(leaving)).toMatch(/Compte désactivé/);
    expect(await refresh(tokens.refreshToken!)).toMatchObject({ error: 'invalid_grant' });
    const departed = await database().query('SELECT departed_at IS NOT NULL AS departed, login_disabled FROM person WHERE id = $1', [leaving.personId]);
    expect(departed.rows[0]).toEqual({ departed: true, login_disabled: true });
  });

  it('R18: a person who still belongs to another organization, and the operator, keep their login', async () => {
    const twice = await createTestMember(organization.id, 'member', 'twice');
    await addMember(database(), testActor, { organizationId: (await createTestOrganization()).id, email: twice.email, role: 'member', status: 'active' });
    const tokens = await loginWithPassword(twice);
    expect((await removeThroughApi(twice)).status).toBe(204);
    await project();
    expect((await keycloakUser(twice.keycloakId)).enabled).toBe(true);
    expect(await refresh(tokens.refreshToken!)).toHaveProperty('accessToken');

    // An operator who was also a member somewhere: the operator role keeps the login.
    const operator = await createTestOperator();
    await addMember(database(), testActor, { organizationId: organization.id, email: operator.email, role: 'member', status: 'active' });
    expect((await removeThroughApi({ personId: operator.personId })).status).toBe(204);
    await project();
    expect((await keycloakUser(operator.keycloakId)).enabled).toBe(true);
    expect((await database().query('SELECT departed_at FROM person WHERE id = $1', [operator.personId])).rows[0].departed_at).toBeNull();
  });

  it('R18: the batch removal disables too; an account enabled again by hand is to be disabled again by the full reconcile', async () => {
    const [one, two] = [await createTestMember(organization.id, 'member', 'batch1'), await createTestMember(organization.id, 'member', 'batch2')];
    const ids = [await membershipOf(one.personId, organization.id), await membershipOf(two.personId, organization.id)];
    expect(
      (await callApi(await bearerOf(representative), 'post', `/organizations/${organization.id}/members/batch`, { action: 'remove', membershipIds: ids }))
        .status,
    ).toBe(200);
    await project();
    expect([(await keycloakUser(one.keycloakId)).enabled, (await keycloakUser(two.keycloakId)).enabled]).toEqual([false, false]);

    await updateKeycloakUser(one.keycloakId, () => ({ enabled: true }));
    // The full reconcile planned only (dry run): applied at the end of the run, it would also project every file's organizations left unprojected.
    const full = await reconcile(database(), keycloakAdmin(), { scope: { all: true }, dryRun: true });
    expect(full.operations.filter((op) => op.type === 'setEnabled' && [one.personId, two.personId].includes(op.user.personId))).toEqual([
      expect.objectContaining({ type: 'setEnabled', enabled: false, user: expect.objectContaining({ personId: one.personId }) }),
    ]);
    // Applying `setEnabled` is the projection's, seen above; no scoped reconcile reaches one who belongs nowhere any more.
  });

  it('R18, R16: a person invited again gets their login back', async () => {
    const back = await createTestMember(organization.id, 'member', 'back');
    expect((await removeThroughApi(back)).status).toBe(204);
    await project();
    expect(await passwordAnswer(back)).toMatch(/Compte désactivé/);

    await inviteMember(
      database(),
      { personId: representative.personId, label: representative.email },
      { organizationId: organization.id, email: back.email, role: 'member', publicUrl: stack().publicUrl },
    );
    await project();
    expect((await keycloakUser(back.keycloakId)).enabled).toBe(true);
    expect(await passwordAnswer(back)).toBe('second step');
    expect((await database().query('SELECT departed_at, login_disabled FROM person WHERE id = $1', [back.personId])).rows[0]).toEqual({
      departed_at: null,
      login_disabled: false,
    });
  });
});

describe('GDPR art. 17: the erasure of departed people after the retention period', () => {
  const departedDaysAgo = (personId: string, days: number) =>
    database().query(`UPDATE person SET departed_at = now() - make_interval(days => $2) WHERE id = $1`, [personId, days]);
  const auditMentions = async (text: string) =>
    Number(
      (await database().query(`SELECT count(*) FROM audit_entry WHERE actor_label ILIKE $1 OR before::text ILIKE $1 OR after::text ILIKE $1`, [`%${text}%`]))
        .rows[0].count,
    );

  it('R18, R32: erases exactly the people departed longer than the retention; the audit keeps a pseudonym and no trace of the e-mail', async () => {
    const gone = await createTestMember(organization.id, 'manager', 'gone');
    await database().query(`UPDATE person SET phone = '+41 79 000 00 00', birth_date = '1980-02-03' WHERE id = $1`, [gone.personId]);
    const invited = await inviteMember(
      database(),
      { personId: gone.personId, label: gone.email },
      { organizationId: organization.id, email: `colleague-of-${gone.email}`.replace('@', '.x@'), role: 'member', publicUrl: stack().publicUrl },
    );
    // The organization's sign-up named them as its representative (decided, kept as history).
    const signUp = await database().query<{ id: string }>(
      `INSERT INTO sign_up (identifier_kind, identifier, legal_name, registry_name, type, representative, status, organization_id, decided_by_label, decided_at)
       VALUES ('uid', $1, 'Départs SA', 'Départs SA', 'employer', $2, 'approved', $3, 'operator', now()) RETURNING id`,
      [organization.identifier, { givenName: gone.givenName, familyName: gone.familyName, function: 'RH', email: gone.email }, organization.id],
    );
    const recent = await createTestMember(organization.id, 'member', 'recent');
    const returned = await createTestMember(organization.id, 'member', 'returned');
    for (const person of [gone, recent, returned]) expect((await removeThroughApi(person)).status).toBe(204);
    await project();
    expect(await auditMentions(gone.email)).toBeGreaterThanOrEqual(3); // created, invited by, removed
    await departedDaysAgo(gone.personId, 31);
    await departedDaysAgo(recent.personId, 29);
    await departedDaysAgo(returned.personId, 31);
    await addMember(database(), testActor, { organizationId: organization.id, email: returned.email, role: 'member', status: 'active' });

    expect(await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30 })).toBe(1);

    const left = await database().query<{ id: string }>('SELECT id FROM person WHERE id = ANY($1::uuid[])', [
      [gone.personId, recent.personId, returned.personId],
    ]);
    expect(left.rows.map((row) => row.id).sort()).toEqual([recent.personId, returned.personId].sort());
    expect(await keycloakAdmin().getUser(gone.keycloakId)).toBeUndefined();
    expect(await keycloakAdmin().getUser(recent.keycloakId)).toBeDefined();
    expect(await auditMentions(gone.email)).toBe(0);
    expect(await auditMentions(gone.familyName)).toBe(0);
    expect(await auditMentions(recent.email)).toBeGreaterThan(0);

    const erased = await database().query<{ actor_label: string; before: { pseudonym: string } }>(
      `SELECT actor_label, before FROM audit_entry WHERE action = 'person.erased' AND subject_id = $1`,
      [gone.personId],
    );
    expect(erased.rows).toHaveLength(1);
    const alias = erased.rows[0]!.before.pseudonym;
    expect(alias).toMatch(/^Personne effacée [0-9a-f]{6}$/);
    expect(erased.rows[0]!.actor_label).toBe('effacement après la durée de conservation');
    const invitation = await database().query(`SELECT actor_label FROM audit_entry WHERE action = 'invitation.created' AND subject_id = $1`, [
      invited.invitationId,
    ]);
    expect(invitation.rows[0].actor_label).toBe(alias);
    const removal = await database().query(`SELECT before FROM audit_entry WHERE action = 'membership.removed' AND before->>'email' = $1`, [alias]);
    expect(removal.rows).toHaveLength(1);
    expect((await database().query('SELECT invited_by_label FROM invitation WHERE id = $1', [invited.invitationId])).rows[0].invited_by_label).toBe(alias);
    expect((await database().query('SELECT representative FROM sign_up WHERE id = $1', [signUp.rows[0]!.id])).rows[0].representative).toEqual({
      givenName: alias,
      familyName: null,
      function: 'RH',
      email: alias,
    });

    // Run again: nobody else is due, and the pseudonym of a person is stable.
    expect(await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30 })).toBe(0);
    expect(await auditMentions(alias)).toBeGreaterThanOrEqual(4);
  });

  const personLeft = async (personId: string) => (await database().query('SELECT 1 FROM person WHERE id = $1', [personId])).rowCount === 1;

  it("R32, issue 16 item 5 review: an address the departed person left, or only asked for, and that another person holds now keeps that person's invitation, secret answer, audit entries and notices", async () => {
    const changer = await createTestMember(organization.id, 'member', 'changer');
    const [left, kept, asked] = [changer.email, uniqueEmail('kept'), uniqueEmail('asked')];
    const actor = { personId: changer.personId, label: changer.email };
    const first = await requestEmailChange(database(), actor, { personId: changer.personId, email: kept, publicUrl: stack().publicUrl });
    await confirmEmailChange(database(), actor, { token: first.token });
    await requestEmailChange(database(), actor, { personId: changer.personId, email: asked, publicUrl: stack().publicUrl }); // never confirmed
    // Other people are invited with the address the changer left and with the one they only asked for.
    const invitations: Array<{ invitationId: string }> = [];
    for (const email of [left, asked]) {
      invitations.push(
        await inviteMember(
          database(),
          { personId: representative.personId, label: representative.email },
          {
            organizationId: organization.id,
            email,
            role: 'member',
            secretQuestion: 'Quelle montagne voyez-vous ?',
            secretAnswer: 'Salève',
            publicUrl: stack().publicUrl,
          },
        ),
      );
    }
    const invitationState = () =>
      database().query('SELECT email, secret_answer_hash IS NOT NULL AS secret FROM invitation WHERE id = ANY($1::uuid[]) ORDER BY email', [
        invitations.map((i) => i.invitationId),
      ]);
    const invitationEntries = () =>
      database().query(`SELECT actor_label, after FROM audit_entry WHERE subject_id = ANY($1::text[]) ORDER BY id`, [invitations.map((i) => i.invitationId)]);
    const notices = (email: string) =>
      database().query(`SELECT count(*)::int AS n FROM outbox WHERE topic <> 'projection' AND payload::text ILIKE $1`, [`%${email}%`]);
    const [invitationsBefore, entriesBefore] = [(await invitationState()).rows, (await invitationEntries()).rows];
    const noticesBefore = [(await notices(left)).rows[0].n, (await notices(asked)).rows[0].n];
    expect(invitationsBefore).toEqual(
      [
        { email: left, secret: true },
        { email: asked, secret: true },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );

    expect((await removeThroughApi(changer)).status).toBe(204);
    await project();
    await departedDaysAgo(changer.personId, 31);
    await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30 });

    expect(await personLeft(changer.personId)).toBe(false);
    expect((await invitationState()).rows).toEqual(invitationsBefore);
    expect((await invitationEntries()).rows).toEqual(entriesBefore);
    expect([(await notices(left)).rows[0].n, (await notices(asked)).rows[0].n]).toEqual(noticesBefore);
    // What was the changer's own goes: the address they held last, and the asked-for one in their own entries.
    expect(await auditMentions(kept)).toBe(0);
    const own = await database().query(`SELECT count(*)::int AS n FROM audit_entry WHERE subject_id = $1 AND (before::text ILIKE $2 OR after::text ILIKE $2)`, [
      changer.personId,
      `%${asked}%`,
    ]);
    expect(own.rows[0].n).toBe(0);
  });

  it('R18, issue 16 item 5 review: a departed person named by a pending sign-up or recovery request is kept (and the log says so) until it is decided, then erased', async () => {
    const applicant = await createTestMember(organization.id, 'member', 'applicant');
    expect((await removeThroughApi(applicant)).status).toBe(204);
    await project();
    await departedDaysAgo(applicant.personId, 31);
    const named = { givenName: applicant.givenName, familyName: applicant.familyName, function: 'RH', email: applicant.email.toUpperCase() };
    const signUp = await database().query<{ id: string }>(
      `INSERT INTO sign_up (identifier_kind, identifier, legal_name, registry_name, type, representative) VALUES ('uid', $1, 'Retour SA', 'Retour SA', 'employer', $2) RETURNING id`,
      [uniqueUid(), named],
    );
    const elsewhere = await createTestOrganization({ legalName: 'Reprise SA' });
    const recovery = await database().query<{ id: string }>(
      `INSERT INTO recovery_request (organization_id, requester, document_ids) VALUES ($1, $2, ARRAY[gen_random_uuid()]) RETURNING id`,
      [elsewhere.id, named],
    );
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });

    await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30, logger });
    expect(await personLeft(applicant.personId)).toBe(true);
    expect((await database().query('SELECT representative FROM sign_up WHERE id = $1', [signUp.rows[0]!.id])).rows[0].representative).toEqual(named);
    const kept = lines.map((line) => JSON.parse(line)).find((entry) => entry.personId === applicant.personId);
    expect(kept).toMatchObject({ msg: expect.stringMatching(/pending request/), pending: ['sign_up', 'recovery_request'] });

    await database().query(`UPDATE sign_up SET status = 'rejected', decision_reason = 'doublon', decided_at = now() WHERE id = $1`, [signUp.rows[0]!.id]);
    await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30 });
    expect(await personLeft(applicant.personId)).toBe(true); // the recovery is still pending

    await database().query(`UPDATE recovery_request SET status = 'rejected', decision_reason = 'pièces manquantes', decided_at = now() WHERE id = $1`, [
      recovery.rows[0]!.id,
    ]);
    await eraseDeparted(database(), keycloakAdmin(), { retentionDays: 30 });
    expect(await personLeft(applicant.personId)).toBe(false);
    expect((await database().query('SELECT representative FROM sign_up WHERE id = $1', [signUp.rows[0]!.id])).rows[0].representative.email).toMatch(
      /^Personne effacée [0-9a-f]{6}$/,
    );
  });
});
