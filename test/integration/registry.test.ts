import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { orgKey, roleKey } from '@procura/sync-service/projection/desired-state';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import { readImportFile } from '@procura/sync-service/imports/import-file';
import { importRegistry } from '@procura/sync-service/registry/import';
import { activeMandate, grant, projectedGroupId, subscribe } from '../helpers/model.js';
import { createTestOrganization, uniqueUid } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceLogin } from '../helpers/service-login.js';
import { database, keycloakAdmin, stack } from '../helpers/stack.js';
import { decodePayload } from '../helpers/tokens.js';

const actor = { personId: null, label: 'registry test' };
const project = (...organizationIds: string[]) => reconcile(database(), keycloakAdmin(), { scope: { organizationIds } });
const inboxClaims = async (person: { email: string; password: string }) =>
  (decodePayload(await serviceLogin(stack(), 'employer-inbox', person)).organizations ?? {}) as Record<string, { rights: string[]; via?: string }>;

function registryFile(...rows: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'procura-registry-')), 'registry.csv');
  writeFileSync(path, ['identifier;name;status;successor', ...rows].join('\n'));
  return path;
}

describe('registry feed, `sync-service registry import FILE` (R11)', () => {
  it("a closure ends the organization's accesses in PostgreSQL, Keycloak and tokens; importing again changes nothing", async () => {
    const organization = await createTestOrganization({ legalName: 'Fermée SA' });
    await subscribe(organization.id, 'employer-inbox');
    const member = await createTestMember(organization.id, 'member');
    await grant(member.personId, organization.id, 'employer-inbox', 'read');
    await project(organization.id);
    expect(await inboxClaims(member)).toEqual({ [organization.identifier]: { rights: ['read'] } });

    const file = registryFile(`${organization.identifier};Fermée SA;closed;`, `${uniqueUid()};Nouvelle SA;active;`);
    const report = await importRegistry(database(), actor, readImportFile(file));
    expect(report).toMatchObject({ rejected: [], entries: { added: 2, updated: 0, unchanged: 0 }, changes: [`${organization.identifier} closed`] });
    const row = await database().query<{ status: string }>('SELECT status FROM organization WHERE id = $1', [organization.id]);
    expect(row.rows[0]?.status).toBe('closed');

    await project(organization.id);
    const keycloak = keycloakAdmin();
    expect((await keycloak.getGroup((await projectedGroupId(orgKey(organization.id)))!))?.attributes['procura.status']).toEqual(['closed']);
    expect(await projectedGroupId(roleKey(organization.id, 'member'))).toBeUndefined();
    expect(await inboxClaims(member)).toEqual({});

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'sync-service/src/cli.ts', 'registry', 'import', file], {
      env: { ...process.env, DATABASE_URL: stack().databaseUrl },
    });
    expect(stdout).toContain('2 registry line(s): 0 new, 0 changed, 2 unchanged');
    expect(stdout).toContain('no organization changed');
  });

  it("a successor re-keys client and fiduciary: people, rights and mandates kept; Keycloak's groups and the tokens follow", async () => {
    const fiduciary = await createTestOrganization({ type: 'fiduciary' });
    const client = await createTestOrganization();
    await subscribe(client.id, 'employer-inbox');
    const employee = await createTestMember(client.id, 'member');
    await grant(employee.personId, client.id, 'employer-inbox', 'read');
    const delegate = await createTestMember(fiduciary.id, 'member');
    await activeMandate(fiduciary.id, client.id, [{ personId: delegate.personId, rights: [['employer-inbox', 'reply']] }]);
    await project(client.id);
    const [clientNext, fiduciaryNext] = [uniqueUid(), uniqueUid()];

    const report = await importRegistry(
      database(),
      actor,
      readImportFile(registryFile(`${client.identifier};Client SA;closed;${clientNext}`, `${fiduciary.identifier};Fiduciaire SA;closed;${fiduciaryNext}`)),
    );
    expect(report.changes).toEqual([`${client.identifier} → ${clientNext} re-keyed`, `${fiduciary.identifier} → ${fiduciaryNext} re-keyed`]);
    const rows = await database().query<{ id: string; identifier: string; status: string }>(
      'SELECT id, identifier, status FROM organization WHERE id = ANY($1::uuid[]) ORDER BY identifier',
      [[client.id, fiduciary.id]],
    );
    expect(rows.rows.map((r) => [r.identifier, r.status]).sort()).toEqual(
      [
        [clientNext, 'active'],
        [fiduciaryNext, 'active'],
      ].sort(),
    );

    await project(client.id);
    const keycloak = keycloakAdmin();
    expect((await keycloak.getGroup((await projectedGroupId(orgKey(client.id)))!))?.name).toBe(clientNext);
    expect(await inboxClaims(employee)).toEqual({ [clientNext]: { rights: ['read'] } });
    expect(await inboxClaims(delegate)).toEqual({ [clientNext]: { rights: ['reply'], via: fiduciaryNext } });
    expect((await project(client.id)).calls.writes).toBe(0);
  });

  it('R6: a successor that another organization bears refuses the whole file, naming the line', async () => {
    const [first, second, third] = [await createTestOrganization(), await createTestOrganization(), await createTestOrganization()];
    const file = registryFile(`${third.identifier};Troisième SA;closed;`, `${first.identifier};Première SA;closed;${second.identifier}`);
    await expect(importRegistry(database(), actor, readImportFile(file))).rejects.toMatchObject({
      code: 'organization.identifier_taken',
      messages: { en: expect.stringContaining('Line 3:') },
    });
    const rows = await database().query<{ identifier: string; status: string }>('SELECT identifier, status FROM organization WHERE id = ANY($1::uuid[])', [
      [first.id, third.id],
    ]);
    expect(rows.rows.map((r) => r.status)).toEqual(['active', 'active']);
    expect((await database().query('SELECT 1 FROM registry_entry WHERE identifier = $1', [third.identifier])).rowCount).toBe(0);
  });
});
