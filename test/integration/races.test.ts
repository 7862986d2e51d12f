import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inviteMember } from '@procura/sync-service/invitations/commands';
import { requestMandate } from '@procura/sync-service/mandates/commands';
import { businessDay } from '@procura/sync-service/domain/business-day';
import { testActor } from '../helpers/actor.js';
import { bearerOf, callApi, type ApiAnswer } from '../helpers/api.js';
import { organizationsWithoutManager } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator, uniqueEmail } from '../helpers/people.js';
import { adminCall } from '../helpers/keycloak-user.js';
import { database, stack } from '../helpers/stack.js';
import { seeded } from '../harness/seeded.js';

/**
 * Issue 15 item 2: races through the API. Many managers of many organizations demote, leave,
 * remove, hand over and deactivate each other at once: no organization ends without a manager
 * (R14), and every refusal is a 4xx with its code, never a 5xx. One e-mail's two invitations
 * accepted at once make one account (R1); one mandate validated and rejected at once by two
 * operators has one outcome (R24, R31). `npm test` runs `RACE_ORGANIZATIONS` (10) organizations and
 * `RACE_REQUESTS` (200) requests; `npm run test:race` 50 and 1,000.
 */

const organizationCount = Number(process.env.RACE_ORGANIZATIONS ?? 10);
const requestCount = Number(process.env.RACE_REQUESTS ?? 200);
const managerRoles = ['legal_representative', 'deputy', 'manager'] as const;

interface Manager {
  readonly membershipId: string;
  readonly personId: string;
  readonly caller: { bearer: string };
}

async function inPool<T>(tasks: ReadonlyArray<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('issue 15 item 2: races through the API', () => {
  it(`R14: ${requestCount} concurrent demotions, departures, removals, hand-overs and deactivations over ${organizationCount} organizations leave each with a manager, and no 5xx`, async () => {
    const seed = Number(process.env.RACE_SEED ?? Date.now() % 1_000_000);
    const draw = seeded(seed).int; // replayed with `RACE_SEED`
    const organizations = await inPool(
      Array.from({ length: organizationCount }, () => async () => {
        const organization = await createTestOrganization();
        const people = [];
        for (let i = 0; i < 2 + draw(4); i++) people.push(await createTestMember(organization.id, managerRoles[i === 0 ? 0 : draw(3)]!, 'racer'));
        const managers: Manager[] = [];
        for (const person of people) {
          const { rows } = await database().query<{ id: string }>('SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2', [
            person.personId,
            organization.id,
          ]);
          managers.push({ membershipId: rows[0]!.id, personId: person.personId, caller: await bearerOf(person) });
        }
        return { organization, managers };
      }),
      4,
    );

    const requests = Array.from({ length: requestCount }, () => {
      const { organization, managers } = organizations[draw(organizations.length)]!;
      const actor = managers[draw(managers.length)]!;
      const target = managers[draw(managers.length)]!;
      const member = `/organizations/${organization.id}/members/${target.membershipId}`;
      const request = [
        { method: 'patch', path: member, body: { role: 'member' } },
        { method: 'delete', path: `/organizations/${organization.id}/members/${actor.membershipId}` },
        { method: 'delete', path: member },
        { method: 'post', path: `/organizations/${organization.id}/hand-over`, body: { successorId: target.membershipId } },
        { method: 'post', path: `${member}/deactivate`, body: {} },
      ][draw(5)]!;
      return async (): Promise<ApiAnswer & { what: string }> => ({
        ...(await callApi(actor.caller, request.method, request.path, request.body)),
        what: `${request.method} ${request.path}`,
      });
    });
    const answers = await inPool(requests, 50);

    const tally = new Map<string, number>();
    for (const answer of answers) {
      const key = answer.status < 400 ? String(answer.status) : `${answer.status} ${answer.body?.code}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    console.log(
      `issue 15 item 2 (seed ${seed}): ${answers.length} requests over ${organizations.length} organizations:\n${[...tally]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `  ${n}\t${k}`)
        .join('\n')}`,
    );
    const failures = answers.filter((a) => a.status >= 500);
    expect(
      failures.map((a) => `${a.what} → ${a.status} ${JSON.stringify(a.body)}`),
      `seed ${seed}`,
    ).toEqual([]);
    for (const refusal of answers.filter((a) => a.status >= 400)) {
      // 403 (a rule or the policy), 409 (a rule), 404 (the caller's own membership, or the target, was removed by a concurrent request).
      expect([403, 404, 409], `${refusal.what}: ${JSON.stringify(refusal.body)}`).toContain(refusal.status);
      expect(refusal.body, refusal.what).toMatchObject({ code: expect.any(String), messages: { fr: expect.any(String), en: expect.any(String) } });
    }
    expect(
      await organizationsWithoutManager(
        organizations.map((o) => o.organization.id),
        businessDay(),
      ),
      `R14: organizations without a manager (seed ${seed})`,
    ).toEqual([]);
    expect(answers.filter((a) => a.status < 400).length, 'some of the changes went through').toBeGreaterThan(0);
  }, 600_000);

  it('R1: one e-mail invited by two organizations, both links accepted at once: one person, one account, both memberships', async () => {
    const [a, b] = await Promise.all([createTestOrganization(), createTestOrganization()]);
    const email = uniqueEmail('race-invitee');
    const publicUrl = stack().publicUrl;
    const [first, second] = await Promise.all([
      inviteMember(database(), testActor, { organizationId: a.id, email, role: 'member', publicUrl }),
      inviteMember(database(), testActor, { organizationId: b.id, email, role: 'member', publicUrl }),
    ]);
    const password = 'Course-Leman-2026!';
    const accepted = await Promise.all(
      [first, second].map((link) =>
        callApi('anonymous', 'post', '/invitations/accept', { token: link.token, password, givenName: 'Zoé', familyName: 'Course' }),
      ),
    );
    // One of them may be told that the account exists now, and to accept by signing in: never a 5xx, never two accounts.
    for (const answer of accepted) expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    expect(
      accepted.some((answer) => answer.status < 300),
      JSON.stringify(accepted),
    ).toBe(true);
    const people = await database().query<{ id: string; keycloak_user_id: string | null }>(
      'SELECT id, keycloak_user_id FROM person WHERE email_normalized = lower($1)',
      [email],
    );
    expect(people.rows).toHaveLength(1);
    const accounts = (await (await adminCall(`/users?email=${encodeURIComponent(email)}&exact=true`)).json()) as unknown[];
    expect(accounts).toHaveLength(1);
    const memberships = await database().query<{ status: string }>('SELECT status FROM membership WHERE person_id = $1', [people.rows[0]!.id]);
    expect(memberships.rows.map((m) => m.status).sort()).toEqual(
      accepted.every((answer) => answer.status < 300) ? ['active', 'active'] : ['active', 'invited'],
    );
  });

  it('R24, R31: one mandate validated and rejected at once by two operators has one outcome, audited once on each side', async () => {
    const [fiduciary, client] = await Promise.all([createTestOrganization({ type: 'fiduciary' }), createTestOrganization()]);
    await createTestMember(client.id, 'legal_representative', 'race-client');
    const document = `test/procuration-${randomBytes(4).toString('hex')}.pdf`;
    const { id: mandateId } = await requestMandate(database(), testActor, {
      fiduciaryId: fiduciary.id,
      clientId: client.id,
      powerOfAttorneyRef: document,
      powerOfAttorneySha256: createHash('sha256').update(document).digest('hex'),
    });
    const [one, two] = await Promise.all([createTestOperator(), createTestOperator()]);
    const [asOne, asTwo] = [await bearerOf(one), await bearerOf(two)];
    const answers = await Promise.all([
      callApi(asOne, 'post', `/operator/mandates/${mandateId}/validate`, {}),
      callApi(asTwo, 'post', `/operator/mandates/${mandateId}/reject`, { reason: 'Procuration illisible' }),
    ]);
    const won = answers.filter((a) => a.status < 300);
    expect(won, JSON.stringify(answers.map((a) => [a.status, a.body?.code]))).toHaveLength(1);
    const lost = answers.find((a) => a.status >= 300)!;
    expect(lost).toMatchObject({ status: 409, body: { code: expect.any(String) } });
    const { rows } = await database().query<{ status: string }>('SELECT status FROM mandate WHERE id = $1', [mandateId]);
    expect(rows[0]!.status).toBe(answers[0].status < 300 ? 'active' : 'rejected');
    // One decision, recorded on both sides (the fiduciary's trail and the client's).
    const decided = await database().query<{ status: string }>(
      `SELECT after->>'status' AS status FROM audit_entry WHERE subject_id = $1 AND action = 'mandate.decided'`,
      [mandateId],
    );
    expect(decided.rows.map((r) => r.status)).toEqual([rows[0]!.status, rows[0]!.status]);
  });
});
