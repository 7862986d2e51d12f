import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { grantKey, orgKey, unitKey } from '@procura/sync-service/projection/desired-state';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { serviceEnvironment } from '../harness/app.js';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { repoRoot } from '../harness/paths.js';
import { addUnit, grant, membershipOf, subscribe } from '../helpers/model.js';
import { createTestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { setRights } from '@procura/sync-service/members/rights';
import { testActor } from '../helpers/actor.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'procura-backup-'));
const restoredName = `procura_restored_${randomBytes(4).toString('hex')}`;
let restored: pg.Pool | undefined;
afterAll(async () => {
  await restored?.end();
  await dropOwnedDatabase(stack().postgres.adminUrl, restoredName).catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
});

/** The group ids the model records for a key, in a given database. */
async function recordedGroup(db: pg.Pool, key: string): Promise<string | undefined> {
  return (await db.query<{ keycloak_id: string }>('SELECT keycloak_id FROM projected_group WHERE key = $1', [key])).rows[0]?.keycloak_id;
}

/**
 * Issue 18 item 5 (docs/operations.md, backup and restore): PostgreSQL is the source of truth. The
 * model is backed up with `pg_dump` (Keycloak's own schema left out: it is Keycloak's backup), then
 * changes go on and reach Keycloak. The dump restored into a new database and one `sync-service
 * reconcile` later, Keycloak says what the backup says — the right withdrawn since held again, the
 * branch added since gone; the organization's projection then deleted by hand, one reconcile
 * rebuilds it; a further reconcile writes nothing.
 */
describe('backup and restore', () => {
  it('restoring the model then one reconcile gives a consistent Keycloak: changes made since the backup undone, a projection lost rebuilt', async () => {
    const organization = await createTestOrganization({ legalName: 'Sauvegarde SA' });
    await subscribe(organization.id, 'employer-inbox');
    await createTestMember(organization.id, 'legal_representative');
    const kept = await createTestMember(organization.id, 'member');
    const withdrawnLater = await createTestMember(organization.id, 'member');
    await grant(kept.personId, organization.id, 'employer-inbox', 'read');
    await grant(withdrawnLater.personId, organization.id, 'employer-inbox', 'read');
    const keycloak = keycloakAdmin();
    await reconcile(database(), keycloak, { scope: { organizationIds: [organization.id] } });

    // The backup: the model's schema, as an operator's nightly job takes it.
    const dump = join(folder, 'procura.dump');
    await run('pg_dump', ['--format=custom', '--exclude-schema=keycloak', '--file', dump, stack().databaseUrl]);

    // After the backup: a right withdrawn, a branch added, all projected; then the projection lost.
    await setRights(database(), testActor, { membershipId: await membershipOf(withdrawnLater.personId, organization.id), rights: [] });
    const branch = await addUnit(organization.id, 'Succursale après sauvegarde');
    await reconcile(database(), keycloak, { scope: { organizationIds: [organization.id] } });
    const readGrant = grantKey(orgKey(organization.id), 'employer-inbox', 'read');
    expect(await keycloak.groupMemberIds((await recordedGroup(database(), readGrant))!)).toEqual([kept.keycloakId]);
    const branchGroupId = (await recordedGroup(database(), unitKey(branch)))!;
    const organizationGroupId = (await recordedGroup(database(), orgKey(organization.id)))!;
    expect(await keycloak.getGroup(branchGroupId)).toMatchObject({ parentId: organizationGroupId });

    // The restore: a new database from the dump, then the operator's reconcile of the organization.
    const restoredUrl = await createOwnedDatabase(stack().postgres.adminUrl, restoredName, 'test');
    await run('pg_restore', ['--no-owner', '--dbname', restoredUrl, dump]);
    restored = new pg.Pool({ connectionString: restoredUrl, max: 2 });
    restored.on('error', () => {}); // a connection cut while idle: replaced, never a crash
    expect(await recordedGroup(restored, unitKey(branch))).toBeUndefined();
    const reconcileRestored = async () =>
      (
        await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'sync-service/src/cli.ts'), 'reconcile', '--organization', organization.identifier], {
          cwd: join(repoRoot, 'sync-service'),
          env: { ...process.env, ...serviceEnvironment(stack()), DATABASE_URL: restoredUrl, LOG_LEVEL: 'warn' },
        })
      ).stdout;
    expect(await reconcileRestored()).toMatch(/[1-9]\d* change\(s\) applied/);

    // Keycloak says what the backup says: the right withdrawn since is held again, the branch added since is gone.
    expect((await keycloak.groupMemberIds((await recordedGroup(restored, readGrant))!)).sort()).toEqual([kept.keycloakId, withdrawnLater.keycloakId].sort());
    expect(await keycloak.getGroup(branchGroupId)).toBeUndefined();

    // The realm loses the organization's projection altogether: the restored model rebuilds it.
    await keycloak.deleteGroup(organizationGroupId);
    expect(await reconcileRestored()).toMatch(/[1-9]\d* change\(s\) applied/);
    const rebuiltId = (await recordedGroup(restored, orgKey(organization.id)))!;
    expect(rebuiltId).not.toBe(organizationGroupId);
    expect(await keycloak.getGroup(rebuiltId)).toMatchObject({ name: organization.identifier, attributes: { 'procura.legalName': ['Sauvegarde SA'] } });
    const rebuiltGrant = (await recordedGroup(restored, readGrant))!;
    expect(await keycloak.getGroup(rebuiltGrant)).toMatchObject({ parentId: rebuiltId });
    expect((await keycloak.groupMemberIds(rebuiltGrant)).sort()).toEqual([kept.keycloakId, withdrawnLater.keycloakId].sort());
    expect((await reconcile(restored, keycloak, { scope: { organizationIds: [organization.id] } })).calls.writes).toBe(0);

    // The run's database is the realm's source again, for the files after this one (a full reconcile
    // would find the restored model's projection of the organization as drift): that projection
    // removed, the organization projected from the run's model, and nothing left to do.
    await keycloak.deleteGroup(rebuiltId);
    await reconcile(database(), keycloak, { scope: { organizationIds: [organization.id] } });
    expect((await reconcile(database(), keycloak, { scope: { organizationIds: [organization.id] } })).calls.writes).toBe(0);
    expect(await keycloak.groupMemberIds((await recordedGroup(database(), readGrant))!)).toEqual([kept.keycloakId]);
  });
});
