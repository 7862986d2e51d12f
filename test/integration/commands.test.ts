import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AppError } from '@procura/sync-service/errors';
import { decideMandate, endMandate, requestMandate } from '@procura/sync-service/mandates/commands';
import { assignDelegate, setDelegateRights } from '@procura/sync-service/mandates/delegates';
import { addMember, changeRole } from '@procura/sync-service/members/commands';
import { setRights } from '@procura/sync-service/members/rights';
import { registerOrganization, updateOrganization } from '@procura/sync-service/organizations/commands';
import { addUnit } from '@procura/sync-service/units/commands';
import { testActor } from '../helpers/actor.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueSiren, uniqueUid } from '../helpers/organizations.js';
import { uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

const actor = testActor;

/** What a command may write for an organization: its memberships, audit entries and outbox rows. */
async function footprint(organizationId: string) {
  const { rows } = await database().query<{ memberships: string; roles: string; audit: string; outbox: string }>(
    `SELECT (SELECT count(*) FROM membership WHERE organization_id = $1) AS memberships,
            (SELECT string_agg(role || ':' || status, ',' ORDER BY role) FROM membership WHERE organization_id = $1) AS roles,
            (SELECT count(*) FROM audit_entry WHERE organization_id = $1) AS audit,
            (SELECT count(*) FROM outbox WHERE aggregate_id = $1::text) AS outbox`,
    [organizationId],
  );
  return rows[0]!;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return `${error.status} ${error.code} ${error.field ?? ''}`.trim();
}

const member = (organizationId: string, role: 'legal_representative' | 'deputy' | 'member', email = uniqueEmail(role)) =>
  addMember(database(), actor, { organizationId, email, role, status: 'active' });

describe('domain commands on the real PostgreSQL', () => {
  it('R32: a command writes the model, its audit entry and an outbox row in one transaction', async () => {
    const organization = await createTestOrganization();
    const before = await footprint(organization.id);
    const email = uniqueEmail('new');
    const { membershipId } = await addMember(database(), actor, { organizationId: organization.id, email, role: 'member' });
    const after = await footprint(organization.id);
    expect(after).toMatchObject({
      memberships: '1',
      roles: 'member:invited',
      audit: String(Number(before.audit) + 1),
      outbox: String(Number(before.outbox) + 1),
    });
    const audit = await database().query('SELECT actor_label, action, subject_id, before, after FROM audit_entry WHERE subject_id = $1', [membershipId]);
    expect(audit.rows).toEqual([
      {
        actor_label: actor.label,
        action: 'membership.created',
        subject_id: membershipId,
        before: null,
        after: { email, role: 'member', status: 'invited', expiresOn: null },
      },
    ]);
  });

  it('a refused command changes nothing: no model row, no audit entry, no outbox row', async () => {
    const organization = await createTestOrganization();
    const lea = await member(organization.id, 'legal_representative');
    const before = await footprint(organization.id);
    expect(await refusal(changeRole(database(), actor, { membershipId: lea.membershipId, role: 'member' }))).toBe('409 membership.last_manager /role');
    const email = uniqueEmail('refused');
    expect(await refusal(addMember(database(), actor, { organizationId: organization.id, email, role: 'boss' as never }))).toBe('422 membership.role /role');
    expect(await footprint(organization.id)).toEqual(before);
    expect((await database().query('SELECT 1 FROM person WHERE email_normalized = $1', [email])).rowCount).toBe(0);
  });

  it('R14: two concurrent demotions of the two managers leave exactly one manager', async () => {
    const organization = await createTestOrganization();
    const lea = await member(organization.id, 'legal_representative');
    const marc = await member(organization.id, 'deputy');
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: stack().databaseUrl, max: 1 }).on('error', () => {}));
    // Hold the organization's lock so that both commands are inside their transactions at once.
    const blocker = await database().connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM organization WHERE id = $1 FOR UPDATE', [organization.id]);
      const demotions = Promise.allSettled([lea, marc].map(({ membershipId }, i) => changeRole(pools[i]!, actor, { membershipId, role: 'member' })));
      await waitForLockWaiters(2);
      await blocker.query('COMMIT');
      const outcomes = await demotions;
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect((rejected?.reason as AppError).code).toBe('membership.last_manager');
      const managers = await database().query(
        `SELECT 1 FROM membership WHERE organization_id = $1 AND role IN ('legal_representative', 'deputy', 'manager') AND status = 'active'`,
        [organization.id],
      );
      expect(managers.rowCount).toBe(1);
    } finally {
      blocker.release();
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('R15: a right on a service the organization does not subscribe to is refused, for members and for delegates', async () => {
    const organization = await createTestOrganization();
    await subscribe(organization.id, 'employer-inbox');
    const jean = await member(organization.id, 'member');
    await setRights(database(), actor, { membershipId: jean.membershipId, rights: [{ serviceId: 'employer-inbox', rightId: 'read' }] });
    expect(await refusal(setRights(database(), actor, { membershipId: jean.membershipId, rights: [{ serviceId: 'contributions', rightId: 'pay' }] }))).toBe(
      '422 right.service_not_subscribed /rights',
    );
    const rights = await database().query('SELECT service_id, right_id FROM membership_right WHERE membership_id = $1', [jean.membershipId]);
    expect(rights.rows).toEqual([{ service_id: 'employer-inbox', right_id: 'read' }]);

    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    await subscribe(fiduciary.id, 'contributions');
    const luc = await member(fiduciary.id, 'member');
    const { id: mandateId } = await requestMandate(database(), actor, {
      fiduciaryId: fiduciary.id,
      clientId: organization.id,
      powerOfAttorneyRef: 'p.pdf',
      powerOfAttorneySha256: 'f'.repeat(64),
    });
    await assignDelegate(database(), actor, { mandateId, membershipId: luc.membershipId });
    // The fiduciary's own subscription does not count: the rights are the client's (R25).
    expect(
      await refusal(
        setDelegateRights(database(), actor, { mandateId, membershipId: luc.membershipId, rights: [{ serviceId: 'contributions', rightId: 'pay' }] }),
      ),
    ).toBe('422 right.service_not_subscribed /rights');
  });

  it('R1: the same e-mail in another case and with spaces is the same person; a second membership is refused', async () => {
    const [a, b] = [await createTestOrganization(), await createTestOrganization()];
    const email = uniqueEmail('Lea.Favre');
    const first = await addMember(database(), actor, { organizationId: a.id, email: email.toUpperCase(), role: 'member' });
    const second = await addMember(database(), actor, { organizationId: b.id, email: `  ${email.replace('lea', 'LEA')}  `, role: 'observer' });
    expect(second.personId).toBe(first.personId);
    const people = await database().query('SELECT email FROM person WHERE email_normalized = $1', [email.toLowerCase()]);
    expect(people.rows).toEqual([{ email: email.toLowerCase() }]);
    expect(await refusal(addMember(database(), actor, { organizationId: a.id, email, role: 'member' }))).toBe('409 membership.exists /email');
  });

  it('R6: one identifier, one organization, also when two registrations race (the constraint answers as the rule does)', async () => {
    const identifier = uniqueUid();
    const register = () => registerOrganization(database(), actor, { identifierKind: 'uid', identifier, legalName: 'Course SA', type: 'employer' });
    const outcomes = await Promise.allSettled([register(), register()]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as AppError).code : 'ok')).sort()).toEqual(['ok', 'organization.identifier_taken']);
    expect(await refusal(register())).toBe('409 organization.identifier_taken /identifier');
  });

  it('R12: one account never holds an employer and a prescriber (invited, or by a change of type); nothing is written', async () => {
    const employer = await createTestOrganization();
    const prescriber = await createTestOrganization({ type: 'prescriber' });
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const email = uniqueEmail('mix');
    await addMember(database(), actor, { organizationId: employer.id, email, role: 'member' });
    const before = await footprint(prescriber.id);
    expect(await refusal(addMember(database(), actor, { organizationId: prescriber.id, email, role: 'member' }))).toBe('409 membership.type_mix /email');
    expect(await footprint(prescriber.id)).toEqual(before);
    await addMember(database(), actor, { organizationId: fiduciary.id, email, role: 'member' });
    expect(await refusal(updateOrganization(database(), actor, { organizationId: fiduciary.id, type: 'prescriber' }))).toBe('409 organization.type_mix /type');
    const type = await database().query<{ type: string }>('SELECT type FROM organization WHERE id = $1', [fiduciary.id]);
    expect(type.rows[0]?.type).toBe('fiduciary');
  });

  it("R6: an affiliate number equal to a SIREN's nine digits is refused, by the rule and by the database", async () => {
    const siren = uniqueSiren();
    await registerOrganization(database(), actor, { identifierKind: 'siren', identifier: siren, legalName: 'Boulangerie SAS', type: 'employer' });
    const affiliate = {
      identifierKind: 'affiliate' as const,
      identifier: `${siren.slice(0, 3)}.${siren.slice(3)}`,
      legalName: 'Caisse SA',
      type: 'employer' as const,
    };
    expect(await refusal(registerOrganization(database(), actor, affiliate))).toBe('409 organization.identifier_taken /identifier');
    const bypass = database().query(
      `INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ('affiliate', $1, 'Caisse SA', 'employer')`,
      [siren],
    );
    await expect(bypass).rejects.toMatchObject({ code: '23505', constraint: 'organization_identifier' });
  });

  it('R8: a parent unit of another organization answers as not found', async () => {
    const [a, b] = [await createTestOrganization(), await createTestOrganization()];
    const { id: unitOfB } = await addUnit(database(), actor, { organizationId: b.id, kind: 'branch', name: 'Succursale Sion' });
    expect(await refusal(addUnit(database(), actor, { organizationId: a.id, kind: 'establishment', name: 'Atelier', parentUnitId: unitOfB }))).toBe(
      '404 unit.not_found /parentUnitId',
    );
  });

  it('R24, R27: a mandate is requested, decided once, ended by either side; both sides are audited and projected', async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    const stranger = await createTestOrganization();
    const request = { fiduciaryId: fiduciary.id, clientId: client.id, powerOfAttorneyRef: 'procuration.pdf', powerOfAttorneySha256: '0'.repeat(64) };
    expect(await refusal(requestMandate(database(), actor, { ...request, fiduciaryId: stranger.id }))).toBe('422 mandate.not_fiduciary /fiduciaryId');
    const { id: mandateId } = await requestMandate(database(), actor, request);
    expect(await refusal(requestMandate(database(), actor, request))).toBe('409 mandate.exists /clientId');
    await decideMandate(database(), actor, { mandateId, decision: 'active' });
    expect(await refusal(decideMandate(database(), actor, { mandateId, decision: 'rejected', reason: 'trop tard' }))).toBe(
      '409 mandate.not_requested /mandateId',
    );
    expect(await refusal(endMandate(database(), actor, { mandateId, organizationId: stranger.id }))).toBe('404 mandate.not_found /mandateId');
    await endMandate(database(), actor, { mandateId, organizationId: client.id });
    const audit = await database().query<{ organization_id: string; action: string }>(
      'SELECT organization_id, action FROM audit_entry WHERE subject_id = $1 ORDER BY id',
      [mandateId],
    );
    expect(
      audit.rows
        .filter((r) => r.action === 'mandate.ended')
        .map((r) => r.organization_id)
        .sort(),
    ).toEqual([client.id, fiduciary.id].sort());
    expect((await footprint(fiduciary.id)).outbox).toBe('4'); // registered, requested, decided, ended
  });
});

/** Waits until `count` sessions wait on a row lock of the organization table. */
async function waitForLockWaiters(count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await database().query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM organization WHERE id = $1 FOR UPDATE%'`,
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${count} commands never waited on the organization's lock`);
}
