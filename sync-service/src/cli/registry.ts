import { basename } from 'node:path';
import type pg from 'pg';
import { readImportFile } from '../imports/import-file.js';
import { importRegistry } from '../registry/import.js';
import { progressLine } from './progress.js';
import { exitOnRefusal, printRejectedLines } from './refusals.js';

/** `sync-service registry import FILE`: prints each refused line, or what changed; exit code 1 when refused. */
export async function runRegistryImport(pool: pg.Pool, file: string): Promise<void> {
  const progress = progressLine('registry');
  const records = readImportFile(file);
  const report = await importRegistry(pool, { personId: null, label: `registry ${basename(file)}` }, records, (done, total) =>
    progress.update(done, total),
  ).catch(exitOnRefusal(() => progress.end()));
  progress.end();
  if (printRejectedLines(report.rejected, report.lines)) return;
  const { added, updated, unchanged } = report.entries;
  console.log(`${report.lines} registry line(s): ${added} new, ${updated} changed, ${unchanged} unchanged`);
  for (const change of report.changes) console.log(`  ${change}`);
  if (report.changes.length === 0) console.log('  no organization changed');
  for (const note of report.notes) console.log(`  note: ${note}`);
  if (report.changes.length > 0) console.log('Keycloak follows through the outbox');
}
