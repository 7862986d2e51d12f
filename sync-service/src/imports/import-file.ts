import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { runCommand, type Actor } from '../commands/command.js';
import { readCsv } from './csv.js';
import { checkImport, type CheckedLine, type ImportContext, type Rejection } from './validate.js';

export interface ImportReport {
  readonly lines: number;
  readonly rejected: readonly Rejection[];
  /** Counts of what was written; all zero when anything was rejected (all-or-nothing). */
  readonly created: { organizations: number; units: number; people: number; memberships: number; rights: number };
}

const listColumns = new Set(['services', 'rights']);

/** The file's records with their line numbers: a JSON array (line = position), or CSV. */
export function readImportFile(path: string): Array<{ line: number; value: unknown }> {
  const text = readFileSync(path, 'utf8');
  if (path.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[')) {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) throw new Error('a JSON import file holds an array of lines');
    return parsed.map((value, index) => ({ line: index + 1, value }));
  }
  return readCsv(text).map(({ line, values }) => ({
    line,
    value: Object.fromEntries(
      Object.entries(values)
        .filter(([, cell]) => cell !== '')
        .map(([column, cell]) => [column, listColumns.has(column) ? cell.split(/\s+/) : cell]),
    ),
  }));
}

/**
 * `sync-service import FILE`: checks every line, and only when none is rejected writes them all in
 * ONE command (one transaction, audited, projected through the outbox). `progress` is told of each
 * line written.
 */
export async function importLines(pool: pg.Pool, actor: Actor, records: Array<{ line: number; value: unknown }>, progress?: (done: number, total: number) => void): Promise<ImportReport> {
  const created = { organizations: 0, units: 0, people: 0, memberships: 0, rights: 0 };
  const { accepted, rejected } = checkImport(records, await loadContext(pool));
  if (rejected.length > 0) return { lines: records.length, rejected, created };
  await runCommand(pool, actor, async (context) => {
    const organizations = new Map<string, string>();
    let done = 0;
    for (const line of accepted) {
      const organizationId = await ensureOrganization(context.tx, line, organizations, created);
      for (const service of line.services ?? []) {
        await context.tx.query('INSERT INTO subscription (organization_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [organizationId, service]);
      }
      await writeMembership(context.tx, organizationId, line, created);
      context.project(organizationId);
      progress?.(++done, accepted.length);
    }
    await context.audit({ organizationId: null, action: 'import.applied', subjectType: 'import', subjectId: null, before: null, after: { lines: accepted.length, created } });
  });
  return { lines: records.length, rejected, created };
}

async function loadContext(pool: pg.Pool): Promise<ImportContext> {
  const rights = await pool.query<{ service_id: string; id: string }>('SELECT service_id, id FROM service_right');
  const catalogue = new Map<string, Set<string>>();
  for (const row of rights.rows) catalogue.set(row.service_id, (catalogue.get(row.service_id) ?? new Set()).add(row.id));
  const organizations = await pool.query<{ key: string; services: string[] }>(
    `SELECT o.identifier_kind || '|' || o.identifier AS key, coalesce(array_agg(s.service_id) FILTER (WHERE s.service_id IS NOT NULL), '{}') AS services
       FROM organization o LEFT JOIN subscription s ON s.organization_id = o.id GROUP BY o.id`,
  );
  return { catalogue, existing: new Map(organizations.rows.map((r) => [r.key, new Set(r.services)])) };
}

async function ensureOrganization(tx: pg.PoolClient, line: CheckedLine, known: Map<string, string>, created: ImportReport['created']): Promise<string> {
  const key = `${line.identifierKind}|${line.identifier}`;
  const cached = known.get(key);
  if (cached) return cached;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ($1, $2, $3, $4)
     ON CONFLICT (identifier_kind, identifier) DO NOTHING RETURNING id`,
    [line.identifierKind, line.identifier, line.organization_name ?? '', line.organization_type ?? 'employer'],
  );
  if (inserted.rows[0]) created.organizations++;
  const id = inserted.rows[0]?.id ?? (await tx.query<{ id: string }>('SELECT id FROM organization WHERE identifier_kind = $1 AND identifier = $2', [line.identifierKind, line.identifier])).rows[0]!.id;
  known.set(key, id);
  return id;
}

async function writeMembership(tx: pg.PoolClient, organizationId: string, line: CheckedLine, created: ImportReport['created']): Promise<void> {
  const person = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO person (email, given_name, family_name) VALUES ($1, $2, $3)
     ON CONFLICT (email_normalized) DO UPDATE SET email = person.email RETURNING id, (xmax = 0) AS inserted`,
    [line.normalizedEmail, line.given_name ?? '', line.family_name ?? ''],
  );
  if (person.rows[0]!.inserted) created.people++;
  const membership = await tx.query<{ id: string }>(
    `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, $3, 'active')
     ON CONFLICT (person_id, organization_id) DO UPDATE SET role = EXCLUDED.role, updated_at = now() RETURNING id`,
    [person.rows[0]!.id, organizationId, line.role ?? 'member'],
  );
  created.memberships++;
  const unitId = line.unit ? await ensureUnit(tx, organizationId, line.unit, created) : null;
  for (const right of line.rights ?? []) {
    const [service, rightId] = right.split(':');
    const written = await tx.query('INSERT INTO membership_right (membership_id, service_id, right_id, unit_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [membership.rows[0]!.id, service, rightId, unitId]);
    created.rights += written.rowCount ?? 0;
  }
}

async function ensureUnit(tx: pg.PoolClient, organizationId: string, name: string, created: ImportReport['created']): Promise<string> {
  const found = await tx.query<{ id: string }>('SELECT id FROM unit WHERE organization_id = $1 AND name = $2 AND parent_unit_id IS NULL', [organizationId, name]);
  if (found.rows[0]) return found.rows[0].id;
  created.units++;
  const inserted = await tx.query<{ id: string }>(`INSERT INTO unit (organization_id, kind, name) VALUES ($1, 'branch', $2) RETURNING id`, [organizationId, name]);
  return inserted.rows[0]!.id;
}
