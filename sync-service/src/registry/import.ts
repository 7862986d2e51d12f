import type pg from 'pg';
import { runCommand, type Actor, type CommandContext } from '../commands/command.js';
import { AppError } from '../errors.js';
import { voidRequestsOnRegistryClient } from '../organizations/closure.js';
import { rekeyOrganization, setOrganizationStatus } from '../organizations/commands.js';
import { checkRegistryLines, lineRefusal, organizationAction, type RegistryEntry, type RegistryRejection } from './rules.js';
import { organizationsBearing, upsertEntry } from './store.js';

export interface RegistryReport {
  readonly lines: number;
  readonly rejected: readonly RegistryRejection[];
  /** Entries new to Procura (eligible for sign-up when active), changed, or as they were. */
  readonly entries: { added: number; updated: number; unchanged: number };
  /** What happened to organizations, one line each: `CHE… closed`, `CHE… → CHE… re-keyed`. */
  readonly changes: string[];
  /** What an operator should look at: an organization closed here that the registry lists as active. */
  readonly notes: string[];
}

/**
 * `sync-service registry import FILE` (R11): checks every line, and only when none is refused writes
 * the entries and their consequences in ONE command: a successor re-keys the organization (people,
 * rights, mandates kept; Keycloak's group and the tokens follow), a closure closes it (its accesses
 * end). Idempotent: a second import of the same file changes nothing. `progress` is told of each line.
 */
export async function importRegistry(
  pool: pg.Pool,
  actor: Actor,
  records: Array<{ line: number; value: unknown }>,
  progress?: (done: number, total: number) => void,
): Promise<RegistryReport> {
  const { entries, rejected } = checkRegistryLines(records);
  const report: RegistryReport = { lines: records.length, rejected, entries: { added: 0, updated: 0, unchanged: 0 }, changes: [], notes: [] };
  if (rejected.length > 0) return report;
  await runCommand(pool, actor, async (command) => {
    for (const [done, entry] of entries.entries()) {
      report.entries[await upsertEntry(command.tx, entry)]++;
      await applyEntry(command, entry, report).catch((error: unknown) => {
        throw error instanceof AppError ? lineRefusal(entry.line, error) : error;
      });
      progress?.(done + 1, entries.length);
    }
    await command.audit({
      organizationId: null,
      action: 'registry.imported',
      subjectType: 'registry',
      subjectId: null,
      before: null,
      after: { lines: entries.length, entries: report.entries, changes: report.changes },
    });
  });
  return report;
}

/** R11: what the registry says of an identifier holds for every organization bearing it (R6: types may share one). */
async function applyEntry(command: CommandContext, entry: RegistryEntry, report: RegistryReport): Promise<void> {
  const bearing = await organizationsBearing(command.tx, entry.identifier);
  if (bearing.length === 0) return applyToOrganization(command, entry, undefined, report);
  for (const organization of bearing) await applyToOrganization(command, entry, organization, report);
}

async function applyToOrganization(
  command: CommandContext,
  entry: RegistryEntry,
  organization: { id: string; status: string } | undefined,
  report: RegistryReport,
): Promise<void> {
  const action = organizationAction(entry, organization);
  if (action.type === 'rekey') {
    await rekeyOrganization.within(command, { organizationId: organization!.id, identifierKind: action.kind, identifier: action.identifier });
    report.changes.push(`${entry.identifier} → ${action.identifier} re-keyed`);
  } else if (action.type === 'close') {
    await setOrganizationStatus.within(command, { organizationId: organization!.id, status: 'closed' });
    report.changes.push(`${entry.identifier} closed`);
  } else if (action.note) {
    report.notes.push(`${entry.identifier}: closed in Procura, active in the registry (an operator decides whether to reopen it)`);
  } else if (!organization && entry.status === 'closed') {
    const voided = await voidRequestsOnRegistryClient(command, entry.identifier);
    if (voided > 0) report.changes.push(`${entry.identifier} closed: ${voided} mandate request(s) on it rejected`);
  }
}
