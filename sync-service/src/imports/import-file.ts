import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { runCommand, type Actor, type CommandContext } from '../commands/command.js';
import { AppError } from '../errors.js';
import { addMember, changeRole } from '../members/commands.js';
import { setRights } from '../members/rights.js';
import { managerRoles, type Role } from '../domain/roles.js';
import { rightsOf } from '../members/store.js';
import { registerOrganization, type OrganizationType } from '../organizations/commands.js';
import { identifierScope } from '../organizations/identifier-scope.js';
import { subscribe } from '../services/subscriptions.js';
import { addUnit } from '../units/commands.js';
import { readCsv } from './csv.js';
import { checkImport, type CheckedLine, type ImportContext, type Rejection } from './validate.js';
import { refuse } from '../error-codes/refuse.js';

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
    return (parsed as unknown[]).map((value, index) => ({ line: index + 1, value }));
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
 * ONE command (one transaction, audited, projected through the outbox), through the domain commands
 * (registerOrganization, subscribe, addUnit, addMember, changeRole, setRights), so that an import
 * obeys the same rules as every other write. `progress` is told of each line written.
 */
export async function importLines(
  pool: pg.Pool,
  actor: Actor,
  records: Array<{ line: number; value: unknown }>,
  progress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const created = { organizations: 0, units: 0, people: 0, memberships: 0, rights: 0 };
  const context = await loadContext(pool);
  const { accepted, rejected } = checkImport(records, context);
  if (rejected.length > 0) return { lines: records.length, rejected, created };
  await runCommand(pool, actor, async (command) => {
    const organizations = new Map<string, string>();
    const subscribed = new Set<string>();
    const names = new Map(accepted.filter((l) => l.organization_name).map((l) => [organizationKey(l), l.organization_name!]));
    for (const line of accepted) {
      const organizationId = await ensureOrganization(command, line, organizations, created, names);
      for (const serviceId of line.services ?? []) await ensureSubscription(command, context, subscribed, { organizationId, line, serviceId });
    }
    let done = 0;
    // R14 is checked at each role change: lines that make managers go first, so that a file which
    // hands over (a new manager, the former one demoted) is judged on where it ends.
    for (const line of managersFirst(accepted)) {
      const organizationId = organizations.get(organizationKey(line))!;
      await writeMembership(command, organizationId, line, created).catch((error: unknown) => {
        throw asImportRefusal(error, line);
      });
      progress?.(++done, accepted.length);
    }
    await command.audit({
      organizationId: null,
      action: 'import.applied',
      subjectType: 'import',
      subjectId: null,
      before: null,
      after: { lines: accepted.length, created },
    });
  });
  return { lines: records.length, rejected, created };
}

/** R6: one organization per identifier, and per type where the profile lets types share one. */
const organizationType = (line: CheckedLine): OrganizationType => line.organization_type ?? 'employer';
const organizationKey = (line: CheckedLine): string => `${line.identifierKind}|${line.identifier}|${identifierScope(organizationType(line))}`;
const isManagerRole = (role: string | undefined): boolean => role !== undefined && managerRoles.includes(role as Role);

function managersFirst(lines: readonly CheckedLine[]): CheckedLine[] {
  return [...lines.filter((l) => isManagerRole(l.role)), ...lines.filter((l) => !isManagerRole(l.role))];
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

async function ensureOrganization(
  command: CommandContext,
  line: CheckedLine,
  known: Map<string, string>,
  created: ImportReport['created'],
  names: Map<string, string>,
): Promise<string> {
  const key = organizationKey(line);
  const cached = known.get(key);
  if (cached) return cached;
  const type = organizationType(line);
  // R6: the organization of this identifier and, where the profile lets types share one, this type.
  const existing = await command.tx.query<{ id: string }>(
    'SELECT id FROM organization WHERE identifier_kind = $1 AND identifier = $2 AND identifier_scope = $3',
    [line.identifierKind, line.identifier, identifierScope(type)],
  );
  let id = existing.rows[0]?.id;
  if (!id) {
    id = (await registerOrganization.within(command, { identifierKind: line.identifierKind, identifier: line.identifier, legalName: names.get(key)!, type }))
      .id;
    created.organizations++;
  }
  known.set(key, id);
  return id;
}

/** Subscriptions the file names and the organization lacks (an existing one, even ended, is left as it is). */
async function ensureSubscription(
  command: CommandContext,
  context: ImportContext,
  subscribed: Set<string>,
  { organizationId, line, serviceId }: { readonly organizationId: string; readonly line: CheckedLine; readonly serviceId: string },
): Promise<void> {
  const key = organizationKey(line);
  if (context.existing.get(key)?.has(serviceId) || subscribed.has(`${key}|${serviceId}`)) return;
  await subscribe.within(command, { organizationId, serviceId });
  subscribed.add(`${key}|${serviceId}`);
}

/** A new membership, or an existing one that keeps its role unless the line names one (never a silent demotion), and the line's rights added. */
async function writeMembership(command: CommandContext, organizationId: string, line: CheckedLine, created: ImportReport['created']): Promise<void> {
  const { tx } = command;
  const found = await tx.query<{ person_id: string; membership_id: string | null; role: string | null }>(
    `SELECT p.id AS person_id, m.id AS membership_id, m.role FROM person p
       LEFT JOIN membership m ON m.person_id = p.id AND m.organization_id = $2 WHERE p.email_normalized = $1`,
    [line.normalizedEmail, organizationId],
  );
  const existing = found.rows[0];
  let membershipId = existing?.membership_id ?? null;
  if (!membershipId) {
    if (!existing) created.people++;
    const role = line.role ?? 'member';
    membershipId = (
      await addMember.within(command, {
        organizationId,
        email: line.normalizedEmail,
        givenName: line.given_name ?? '',
        familyName: line.family_name ?? '',
        role,
        status: 'active',
      })
    ).membershipId;
    created.memberships++;
  } else if (line.role && line.role !== existing?.role) {
    await changeRole.within(command, { membershipId, role: line.role });
    created.memberships++;
  }
  if (!line.rights?.length) return;
  const unitId = line.unit ? await ensureUnit(command, organizationId, line.unit, created) : null;
  const before = await rightsOf(tx, membershipId);
  const added = line.rights.map((right) => {
    const [serviceId = '', rightId = ''] = right.split(':');
    return { serviceId, rightId, unitId };
  });
  const wanted = new Map([...before, ...added].map((r) => [`${r.serviceId}:${r.rightId}@${r.unitId ?? ''}`, r]));
  await setRights.within(command, { membershipId, rights: [...wanted.values()] });
  created.rights += wanted.size - before.length;
}

async function ensureUnit(command: CommandContext, organizationId: string, name: string, created: ImportReport['created']): Promise<string> {
  const found = await command.tx.query<{ id: string }>('SELECT id FROM unit WHERE organization_id = $1 AND name = $2 AND parent_unit_id IS NULL', [
    organizationId,
    name,
  ]);
  if (found.rows[0]) return found.rows[0].id;
  created.units++;
  return (await addUnit.within(command, { organizationId, kind: 'branch', name })).id;
}

/** A command's refusal names the file's line; R14's keeps the import's own code, as the whole file is refused. */
function asImportRefusal(error: unknown, line: CheckedLine): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'membership.last_manager') {
    return refuse('import.last_manager', { line: line.line, identifier: line.identifier }, { cause: error });
  }
  return new AppError(
    error.code,
    error.status,
    {
      fr: `Ligne ${line.line} : ${error.messages.fr} Rien n'a été importé.`,
      en: `Line ${line.line}: ${error.messages.en} Nothing was imported.`,
    },
    { field: error.field, cause: error },
  );
}
