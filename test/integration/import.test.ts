import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLines, readImportFile } from '@procura/sync-service/imports/import-file';
import { uniqueUid } from '../helpers/organizations.js';
import { uniqueEmail } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

const actor = { personId: null, label: 'import test' };

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'procura-import-')), name);
  writeFileSync(path, content);
  return path;
}

describe('bulk import (sync-service import FILE)', () => {
  it('imports a CSV in one transaction: organization, unit, people, rights, audit and outbox', async () => {
    const uid = uniqueUid();
    const [lea, jean] = [uniqueEmail('lea'), uniqueEmail('jean')];
    const path = file(
      'members.csv',
      [
        'organization;organization_name;services;email;given_name;family_name;role;unit;rights',
        `${uid};Import SA;employer-inbox salary-declaration;${lea};Léa;Favre;legal_representative;;employer-inbox:read salary-declaration:read`,
        `${uid};;;${jean};Jean;Morel;member;Succursale Sion;employer-inbox:read`,
      ].join('\n'),
    );
    const progress: number[] = [];
    const report = await importLines(database(), actor, readImportFile(path), (done) => progress.push(done));
    expect(report.rejected).toEqual([]);
    expect(report.created).toEqual({ organizations: 1, units: 1, people: 2, memberships: 2, rights: 3 });
    expect(progress).toEqual([1, 2]);
    const org = await database().query<{ id: string; legal_name: string }>('SELECT id, legal_name FROM organization WHERE identifier = $1', [uid]);
    expect(org.rows[0]?.legal_name).toBe('Import SA');
    const rights = await database().query<{ email: string; granted: string; unit: string | null }>(
      `SELECT p.email, r.service_id || ':' || r.right_id AS granted, u.name AS unit FROM membership_right r
         JOIN membership m ON m.id = r.membership_id JOIN person p ON p.id = m.person_id LEFT JOIN unit u ON u.id = r.unit_id
        WHERE m.organization_id = $1 ORDER BY p.email, granted`,
      [org.rows[0]!.id],
    );
    expect(rights.rows).toContainEqual({ email: jean, granted: 'employer-inbox:read', unit: 'Succursale Sion' });
    expect((await database().query(`SELECT 1 FROM outbox WHERE aggregate_id = $1`, [org.rows[0]!.id])).rowCount).toBeGreaterThan(0);
    expect(
      (
        await database().query(
          `SELECT 1 FROM audit_entry WHERE action = 'import.applied' AND after->'created'->>'people' = '2' AND actor_label = 'import test'`,
        )
      ).rowCount,
    ).toBeGreaterThan(0);
  });

  it('all or nothing: one bad line and the JSON file writes nothing, the report names the line', async () => {
    const uid = uniqueUid();
    const path = file(
      'members.json',
      JSON.stringify([
        { organization: uid, organization_name: 'Nothing SA', email: uniqueEmail('ok') },
        { organization: uid, email: uniqueEmail('bad'), rights: ['employer-inbox:read'] },
      ]),
    );
    const report = await importLines(database(), actor, readImportFile(path));
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([[2, 'rights']]);
    expect(report.created.memberships).toBe(0);
    expect((await database().query('SELECT 1 FROM organization WHERE identifier = $1', [uid])).rowCount).toBe(0);
  });

  it('imports into an existing organization without renaming it nor demoting anyone; R14 refuses to leave it without a manager', async () => {
    const uid = uniqueUid();
    const lea = uniqueEmail('lea');
    const first = file('first.csv', `organization;organization_name;email;role\n${uid};Existing SA;${lea};legal_representative\n`);
    expect((await importLines(database(), actor, readImportFile(first))).rejected).toEqual([]);

    const again = file('again.csv', `organization;email;given_name\n${uid};${lea};Léa\n${uid};${uniqueEmail('new')};Nouveau\n`);
    const report = await importLines(database(), actor, readImportFile(again));
    expect(report.rejected).toEqual([]);
    const roles = await database().query<{ email: string; role: string; legal_name: string }>(
      `SELECT p.email, m.role, o.legal_name FROM membership m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id WHERE o.identifier = $1 ORDER BY m.created_at`,
      [uid],
    );
    expect(roles.rows[0]).toEqual({ email: lea, role: 'legal_representative', legal_name: 'Existing SA' });
    expect(roles.rows).toHaveLength(2);

    const demote = file('demote.csv', `organization;email;role\n${uid};${lea};member\n`);
    await expect(importLines(database(), actor, readImportFile(demote))).rejects.toMatchObject({ code: 'import.last_manager' });
    const after = await database().query<{ role: string }>(`SELECT m.role FROM membership m JOIN person p ON p.id = m.person_id WHERE p.email = $1`, [lea]);
    expect(after.rows[0]?.role).toBe('legal_representative');
  });

  it('R14: a file that hands over (the former manager demoted on a line before the successor) is judged on where it ends', async () => {
    const uid = uniqueUid();
    const [former, successor] = [uniqueEmail('former'), uniqueEmail('successor')];
    const first = file('first.csv', `organization;organization_name;services;email;role\n${uid};Relève SA;employer-inbox;${former};manager\n`);
    expect((await importLines(database(), actor, readImportFile(first))).rejected).toEqual([]);

    const handover = file(
      'handover.csv',
      `organization;email;role;rights\n${uid};${former};member;employer-inbox:read\n${uid};${successor};legal_representative;\n`,
    );
    const report = await importLines(database(), actor, readImportFile(handover));
    expect(report.created).toMatchObject({ people: 1, memberships: 2, rights: 1 });
    const roles = await database().query<{ email: string; role: string }>(
      `SELECT p.email, m.role FROM membership m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id WHERE o.identifier = $1 ORDER BY p.email`,
      [uid],
    );
    expect(Object.fromEntries(roles.rows.map((r) => [r.email, r.role]))).toEqual({ [former]: 'member', [successor]: 'legal_representative' });
    const audit = await database().query<{ action: string }>(
      `SELECT action FROM audit_entry WHERE organization_id = (SELECT id FROM organization WHERE identifier = $1) ORDER BY id`,
      [uid],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'organization.registered',
      'subscription.started',
      'membership.created',
      'membership.created',
      'membership.role_changed',
      'membership.rights_set',
    ]);
  });
});
