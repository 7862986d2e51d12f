import { randomInt } from 'node:crypto';
import { passesLuhn } from '@procura/sync-service/organizations/check-digits';
import { upsertEntry } from '@procura/sync-service/registry/store';
import { uniqueSiren, uniqueUid } from './organizations.js';
import { database } from './stack.js';

/** R11: a UID the official registry lists (as `sync-service registry import` would write it), on no organization yet. */
export async function registeredUid(options: { name?: string; status?: 'active' | 'closed'; successor?: string } = {}): Promise<string> {
  const identifier = uniqueUid();
  await upsertEntry(database(), {
    identifier,
    identifierKind: 'uid',
    name: options.name ?? `Registre SA ${identifier.slice(-4)}`,
    status: options.status ?? 'active',
    successor: options.successor ? { identifier: options.successor, kind: 'uid' } : null,
  });
  return identifier;
}

/** R6, R11: a SIRET (fourteen digits passing Luhn, its SIREN too) that no other test uses, listed by the registry. */
export async function registeredSiret(): Promise<string> {
  for (;;) {
    const siret = uniqueSiren() + String(randomInt(10_000, 99_999));
    if (!passesLuhn(siret)) continue;
    await upsertEntry(database(), { identifier: siret, identifierKind: 'siret', name: `STRUCTURE ${siret.slice(-4)}`, status: 'active', successor: null });
    return siret;
  }
}
