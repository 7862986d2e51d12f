import { many, maybeOne, type Queryable } from '../db/query.js';
import type { RegistryEntry } from './rules.js';

/** The registry's entries as last imported, and the organizations bearing their identifiers. */

/** Writes an entry; says whether it was new, changed or already so. */
export async function upsertEntry(db: Queryable, entry: RegistryEntry): Promise<'added' | 'updated' | 'unchanged'> {
  const written = await maybeOne<{ added: boolean }>(
    db,
    `INSERT INTO registry_entry AS e (identifier, identifier_kind, name, status, successor_identifier) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (identifier) DO UPDATE SET identifier_kind = EXCLUDED.identifier_kind, name = EXCLUDED.name, status = EXCLUDED.status,
            successor_identifier = EXCLUDED.successor_identifier, updated_at = now()
      WHERE (e.identifier_kind, e.name, e.status, e.successor_identifier) IS DISTINCT FROM
            (EXCLUDED.identifier_kind, EXCLUDED.name, EXCLUDED.status, EXCLUDED.successor_identifier)
     RETURNING (xmax = 0) AS added`,
    [entry.identifier, entry.identifierKind, entry.name, entry.status, entry.successor?.identifier ?? null],
  );
  if (!written) return 'unchanged';
  return written.added ? 'added' : 'updated';
}

/** The organizations bearing the identifier, locked: one, or several types where the profile lets them share it (R6, migration 0029). */
export function organizationsBearing(db: Queryable, identifier: string): Promise<Array<{ id: string; status: string }>> {
  return many(db, 'SELECT id, status FROM organization WHERE identifier = $1 ORDER BY created_at, id FOR UPDATE', [identifier]);
}

/** The registry's line for an identifier (R10: a sign-up, a branch or a mandate's client is checked against it). */
export function registryLine(db: Queryable, identifier: string): Promise<{ name: string; status: string; successorIdentifier: string | null } | undefined> {
  return maybeOne(db, 'SELECT name, status, successor_identifier AS "successorIdentifier" FROM registry_entry WHERE identifier = $1', [identifier]);
}
