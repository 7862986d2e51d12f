import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '@procura/sync-service/commands/command';
import { setRights } from '@procura/sync-service/members/rights';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { orgKey, roleKey } from '@procura/sync-service/projection/desired-state';
import { createLogger } from '@procura/sync-service/logger';
import { drainOutbox, startOutboxWorker } from '@procura/sync-service/projection/outbox-worker';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { uniqueUid } from '../helpers/organizations.js';
import { childrenNames, createOrganizationWithMembers, pendingRows, waitFor } from '../helpers/convergence.js';
import { keycloakAdmin, stack } from '../helpers/stack.js';
import { ownDatabase, startWorkerProcess, stopWorkerProcess } from '../helpers/worker-process.js';
import { seeded } from '../harness/seeded.js';

/** A database of this file's own: workers here drain every pending row, and no other test's. */
const own = ownDatabase('outbox');
const database = () => own.pool();
afterAll(() => own.drop());

const actor = { personId: null, label: 'test' };

const startWorker = async () => startWorkerProcess(await own.url());
const stopWorker = stopWorkerProcess;

describe('the transactional outbox', () => {
  it('R32: a command writes model, audit and outbox together, or nothing at all', async () => {
    const db = await database();
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    await expect(
      runCommand(db, actor, async ({ tx, audit, project }) => {
        await tx.query(`INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ('uid', $1, 'Rolled back SA', 'employer')`, [
          uniqueUid(),
        ]);
        await audit({ organizationId: null, action: 'organization.created', subjectType: 'organization', subjectId: null, before: null, after: {} });
        project('00000000-0000-0000-0000-000000000000');
        throw new Error('rule refused');
      }),
    ).rejects.toThrow('rule refused');
    expect((await db.query(`SELECT 1 FROM organization WHERE legal_name = 'Rolled back SA'`)).rowCount).toBe(0);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n).toBe(before.rows[0]!.n);

    const organizationId = await createOrganizationWithMembers(db, 1);
    const audit = await db.query('SELECT action, after FROM audit_entry WHERE organization_id = $1', [organizationId]);
    expect(audit.rows).toEqual([{ action: 'organization.created', after: { people: 1 } }]);
    expect((await db.query(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL`, [organizationId])).rowCount).toBe(1);
    const other = await db.query<{ id: string }>(`INSERT INTO outbox (topic, aggregate_id) VALUES ('mail', $1) RETURNING id`, [organizationId]);
    expect(await drainOutbox(db, keycloakAdmin())).toEqual({ applied: 1, failed: 0 });
    // A row of another topic is another consumer's: the projection neither claims nor marks it.
    expect((await db.query('SELECT processed_at FROM outbox WHERE id = $1', [other.rows[0]!.id])).rows).toEqual([{ processed_at: null }]);
    const groupId = (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [orgKey(organizationId)])).rows[0]
      ?.keycloak_id;
    expect(await keycloakAdmin().getGroup(groupId!)).toMatchObject({ attributes: { 'procura.legalName': ['Outbox SA'] } });
  });

  it("a drain limited to some organizations takes their rows only, and leaves the others' for a later drain", async () => {
    const db = await database();
    const [mine, theirs] = [await createOrganizationWithMembers(db, 1), await createOrganizationWithMembers(db, 1)];
    expect(await drainOutbox(db, keycloakAdmin(), { organizationIds: [mine] })).toEqual({ applied: 1, failed: 0 });
    const pending = await db.query<{ aggregate_id: string }>(
      `SELECT aggregate_id FROM outbox WHERE topic = 'projection' AND processed_at IS NULL AND aggregate_id = ANY($1::text[])`,
      [[mine, theirs]],
    );
    expect(pending.rows).toEqual([{ aggregate_id: theirs }]);
    expect(await drainOutbox(db, keycloakAdmin(), { organizationIds: [theirs] })).toEqual({ applied: 1, failed: 0 });
  });

  it('Keycloak unreachable: the row stays, with a backoff, and is applied once Keycloak answers', async () => {
    const db = await database();
    const organizationId = await createOrganizationWithMembers(db, 2);
    const down = createKeycloakAdmin({ url: 'http://127.0.0.1:9', realm: 'procura', clientId: 'procura-sync', auth: { secret: 'x' } });
    expect(await drainOutbox(db, down)).toEqual({ applied: 0, failed: 1 });
    const row = await db.query<{ attempts: number; waits: boolean; last_error: string }>(
      `SELECT attempts, available_at > now() AS waits, last_error FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL`,
      [organizationId],
    );
    expect(row.rows[0]).toMatchObject({ attempts: 1, waits: true });
    expect(row.rows[0]!.last_error).toMatch(/unavailable/i);
    expect(await drainOutbox(db, keycloakAdmin())).toEqual({ applied: 0, failed: 0 }); // not due yet
    await db.query(`UPDATE outbox SET available_at = now() WHERE aggregate_id = $1`, [organizationId]);
    expect(await drainOutbox(db, keycloakAdmin())).toEqual({ applied: 1, failed: 0 });
  });

  it('issue 15 item 3: Keycloak back after an outage: the rows that waited for it are applied within seconds, not at their backoff', async () => {
    const db = await database();
    const organizationId = await createOrganizationWithMembers(db, 2);
    const down = createKeycloakAdmin({ url: 'http://127.0.0.1:9', realm: 'procura', clientId: 'procura-sync', auth: { secret: 'x' } });
    expect(await drainOutbox(db, down)).toEqual({ applied: 0, failed: 1 });
    // As after a long outage: the row's next try at its backoff, minutes away.
    await db.query(`UPDATE outbox SET available_at = now() + interval '5 minutes' WHERE aggregate_id = $1 AND processed_at IS NULL`, [organizationId]);
    const worker = startOutboxWorker(db, keycloakAdmin(), { databaseUrl: await own.url(), logger: createLogger('silent'), probeMs: 200 });
    const started = Date.now();
    try {
      await waitFor('the row to be applied', async () => (await pendingRows(db, organizationId)) === 0, 10_000);
    } finally {
      await worker.stop();
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kill -9 of a worker mid-batch, then a restart: converges, nothing lost, nothing twice', async () => {
    const db = await database();
    const organizationId = await createOrganizationWithMembers(db, 25);
    const first = await startWorker();
    try {
      await waitFor(
        'the first worker to start writing',
        async () => (await db.query('SELECT 1 FROM projected_group WHERE organization_id = $1', [organizationId])).rowCount! > 0,
      );
    } finally {
      await stopWorker(first, 'SIGKILL');
    }
    const pending = await db.query('SELECT attempts FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL', [organizationId]);
    expect(pending.rowCount).toBe(1);

    const second = await startWorker();
    try {
      await waitFor(
        'the outbox to drain',
        async () => (await db.query('SELECT 1 FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL', [organizationId])).rowCount === 0,
      );
    } finally {
      await stopWorker(second, 'SIGTERM');
    }
    const check = await reconcile(db, keycloakAdmin(), { scope: { organizationIds: [organizationId] }, dryRun: true });
    expect(check.operations).toEqual([]);
    const roleGroup = (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [roleKey(organizationId, 'member')]))
      .rows[0]!.keycloak_id;
    expect(await keycloakAdmin().groupMemberIds(roleGroup)).toHaveLength(25);
    const orgGroup = (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [orgKey(organizationId)])).rows[0]!
      .keycloak_id;
    const children = await childrenNames(stack().keycloak, orgGroup);
    expect(children.length).toBe(new Set(children).size);
    const users = await db.query<{ n: number }>(
      `SELECT count(DISTINCT keycloak_user_id)::int AS n FROM person p JOIN membership m ON m.person_id = p.id WHERE m.organization_id = $1`,
      [organizationId],
    );
    expect(users.rows[0]!.n).toBe(25);
  });

  const kills = Number(process.env.WORKER_KILLS ?? 5);
  it(
    `issue 15 item 3: the worker killed (kill -9) at ${kills} random instants while rights keep changing: converges, nothing lost, nothing twice`,
    async () => {
      const db = await database();
      const organizationId = await createOrganizationWithMembers(db, 8);
      const memberships = (await db.query<{ id: string }>('SELECT id FROM membership WHERE organization_id = $1 ORDER BY id', [organizationId])).rows.map(
        (r) => r.id,
      );
      const rights = ['read', 'archive', 'assign', 'reply'];
      const draw = seeded(Number(process.env.WORKER_KILL_SEED ?? Date.now() % 1_000_000)).int;
      let changes = 0;
      for (let k = 0; k < kills; k++) {
        const worker = await startWorker();
        try {
          for (let j = 0; j < 3; j++) {
            const membershipId = memberships[draw(memberships.length)]!;
            await setRights(db, actor, {
              membershipId,
              rights: rights.filter(() => draw(2) === 0).map((rightId) => ({ serviceId: 'employer-inbox', rightId, unitId: null })),
            });
            changes += 1;
            await new Promise((r) => setTimeout(r, draw(300)));
          }
          await new Promise((r) => setTimeout(r, draw(1500)));
        } finally {
          await stopWorker(worker, 'SIGKILL');
        }
      }
      // The last worker drains what the killed ones left (their rows made due at once, past their backoff).
      await db.query(`UPDATE outbox SET available_at = now() WHERE aggregate_id = $1 AND processed_at IS NULL`, [organizationId]);
      const last = await startWorker();
      const started = Date.now();
      try {
        await waitFor(
          'the outbox to drain',
          async () => (await db.query('SELECT 1 FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL', [organizationId])).rowCount === 0,
        );
      } finally {
        await stopWorker(last, 'SIGTERM');
      }
      console.log(`issue 15 item 3: ${kills} kills, ${changes} changes; drained ${Date.now() - started} ms after the last restart`);
      expect((await reconcile(db, keycloakAdmin(), { scope: { organizationIds: [organizationId] }, dryRun: true })).operations).toEqual([]);
      const orgGroup = (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [orgKey(organizationId)])).rows[0]!
        .keycloak_id;
      const children = await childrenNames(stack().keycloak, orgGroup);
      expect(children.length).toBe(new Set(children).size);
      const users = await db.query<{ n: number }>(
        `SELECT count(DISTINCT keycloak_user_id)::int AS n FROM person p JOIN membership m ON m.person_id = p.id WHERE m.organization_id = $1`,
        [organizationId],
      );
      expect(users.rows[0]!.n).toBe(8);
    },
    Math.max(120_000, kills * 6_000),
  );
});
