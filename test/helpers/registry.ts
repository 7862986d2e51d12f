import { upsertEntry } from '@procura/sync-service/registry/store';
import { uniqueUid } from './organizations.js';
import { database } from './stack.js';

/** R11: a UID the official registry lists (as `sync-service registry import` would write it), on no organization yet. */
export async function registeredUid(options: { name?: string; status?: 'active' | 'closed'; successor?: string } = {}): Promise<string> {
  const identifier = uniqueUid();
  await upsertEntry(database(), {
    identifier, identifierKind: 'uid', name: options.name ?? `Registre SA ${identifier.slice(-4)}`, status: options.status ?? 'active',
    successor: options.successor ? { identifier: options.successor, kind: 'uid' } : null,
  });
  return identifier;
}
