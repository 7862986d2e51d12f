import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { runCommand, type Actor, type CommandContext } from '../commands/command.js';
import { AppError } from '../errors.js';
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
    const names = new Map(accepted.filter((l) => l.organization_name).map((l) => [`${l.identifierKind}|${l.identifier}`, l.organization_name!]));
    let done = 0;
    for (const line of accepted) {
      const organizationId = await ensureOrganization(context.tx, line, organizations, created, names);
      for (const service of line.services ?? []) {
        await context.tx.query('INSERT INTO subscription (organization_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [organizationId, service]);
      }
      await writeMembership(context, organizationId, line, created);
      context.project(organizationId);
      progress?.(++done, accepted.length);
    }
    await assertManagersKept(context.tx, [...organizations.values()]);
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

async function ensureOrganization(tx: pg.PoolClient, line: CheckedLine, known: Map<string, string>, created: ImportReport['created'], names: Map<string, string>): Promise<string> {
  const key = `${line.identifierKind}|${line.identifier}`;
  const cached = known.get(key);
  if (cached) return cached;
  const existing = await tx.query<{ id: string }>('SELECT id FROM organization WHERE identifier_kind = $1 AND identifier = $2', [line.identifierKind, line.identifier]);
  let id = existing.rows[0]?.id;
  if (!id) {
    const inserted = await tx.query<{ id: string }>('INSERT INTO organization (identifier_kind, identifier, legal_name, type) VALUES ($1, $2, $3, $4) RETURNING id', [
      line.identifierKind, line.identifier, names.get(key), line.organization_type ?? 'employer',
    ]);
    id = inserted.rows[0]!.id;
    created.organizations++;
  }
  known.set(key, id);
  return id;
}

async function writeMembership({ tx, audit }: CommandContext, organizationId: string, line: CheckedLine, created: ImportReport['created']): Promise<void> {
  const person = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO person (email, given_name, family_name) VALUES ($1, $2, $3)
     ON CONFLICT (email_normalized) DO UPDATE SET email = person.email RETURNING id, (xmax = 0) AS inserted`,
    [line.normalizedEmail, line.given_name ?? '', line.family_name ?? ''],
  );
  if (person.rows[0]!.inserted) created.people++;
  const before = await tx.query<{ role: string }>('SELECT role FROM membership WHERE person_id = $1 AND organization_id = $2 FOR UPDATE', [person.rows[0]!.id, organizationId]);
  // An existing membership keeps its role unless the line names one (never a silent demotion).
  const membership = await tx.query<{ id: string; role: string }>(
    `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, coalesce($3, 'member'), 'active')
     ON CONFLICT (person_id, organization_id) DO UPDATE SET role = coalesce($3, membership.role), updated_at = now() RETURNING id, role`,
    [person.rows[0]!.id, organizationId, line.role ?? null],
  );
  const previous = before.rows[0]?.role ?? null;
  if (previous !== membership.rows[0]!.role) {
    created.memberships++;
    await audit({
      organizationId, action: previous ? 'membership.role_changed' : 'membership.created', subjectType: 'membership', subjectId: membership.rows[0]!.id,
      before: previous ? { role: previous } : null, after: { email: line.normalizedEmail, role: membership.rows[0]!.role },
    });
  }
  const unitId = line.unit ? await ensureUnit(tx, organizationId, line.unit, created) : null;
  for (const right of line.rights ?? []) {
    const [service, rightId] = right.split(':');
    const written = await tx.query('INSERT INTO membership_right (membership_id, service_id, right_id, unit_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [membership.rows[0]!.id, service, rightId, unitId]);
    created.rights += written.rowCount ?? 0;
  }
}

/** R14: an import never leaves an organization that had a manager without one. */
async function assertManagersKept(tx: pg.PoolClient, organizationIds: string[]): Promise<void> {
  const { rows } = await tx.query<{ identifier: string }>(
    `SELECT o.identifier FROM organization o
      WHERE o.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM membership m WHERE m.organization_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.organization_id = o.id AND m.status = 'active' AND m.role IN ('legal_representative', 'deputy', 'manager'))`,
    [organizationIds],
  );
  if (rows.length > 0) {
    throw new AppError('import.last_manager', 409, {
      fr: `R14 : l'import laisserait ${rows.map((r) => r.identifier).join(', ')} sans gestionnaire ; rien n'a été importé.`,
      en: `R14: the import would leave ${rows.map((r) => r.identifier).join(', ')} without a manager; nothing was imported.`,
    }, { field: 'role' });
  }
}

async function ensureUnit(tx: pg.PoolClient, organizationId: string, name: string, created: ImportReport['created']): Promise<string> {
  const found = await tx.query<{ id: string }>('SELECT id FROM unit WHERE organization_id = $1 AND name = $2 AND parent_unit_id IS NULL', [organizationId, name]);
  if (found.rows[0]) return found.rows[0].id;
  created.units++;
  const inserted = await tx.query<{ id: string }>(`INSERT INTO unit (organization_id, kind, name) VALUES ($1, 'branch', $2) RETURNING id`, [organizationId, name]);
  return inserted.rows[0]!.id;
}
