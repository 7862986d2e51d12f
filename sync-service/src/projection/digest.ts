import { hash } from 'node:crypto';
import type { SubtreeDigest } from '../adapters/keycloak/projection-state.js';
import type { DesiredGroup, DesiredState } from './model.js';
import type { RecordedGroup } from './store.js';

/**
 * Issue 19, decision 0061: the digest of a projected subtree as the provider's `projection-digests`
 * endpoint computes it from Keycloak's tables (`ProjectionDigests.java`), here computed from the
 * model. Equal digests: Keycloak holds exactly what the model wants there, and the subtree needs no
 * detailed read. The digest is the sum, modulo 2¹²⁸, of the first 16 bytes of the SHA-256 of each
 * record, with the number of records; the records and their encoding are described in the Java
 * class, and the test vector `projection-digest-vector.json` holds both sides to one answer.
 */
export type { SubtreeDigest };

/** A record's text: its kind, then each field as its UTF-8 length, a colon and its text, or `~` for null. */
export function digestRecord(kind: string, ...fields: ReadonlyArray<string | null>): string {
  let text = kind;
  for (const field of fields) text += field === null ? '~' : `${Buffer.byteLength(field, 'utf8')}:${field}`;
  return text;
}

/** Running sums of records, by root. */
export class DigestSums {
  /** Per root: four 32-bit words, the most significant first, then the count. */
  private readonly sums = new Map<string, { words: Uint32Array; records: number }>();

  add(root: string, record: string): void {
    let entry = this.sums.get(root);
    if (!entry) {
      entry = { words: new Uint32Array(4), records: 0 };
      this.sums.set(root, entry);
    }
    const bytes = hash('sha256', record, 'buffer');
    let carry = 0;
    for (let i = 3; i >= 0; i--) {
      const total = entry.words[i]! + bytes.readUInt32BE(i * 4) + carry;
      entry.words[i] = total >>> 0;
      carry = total > 0xffffffff ? 1 : 0;
    }
    entry.records++;
  }

  digest(root: string): SubtreeDigest {
    const entry = this.sums.get(root);
    if (!entry) return { sum: '0'.repeat(32), records: 0 };
    return { sum: [...entry.words].map((word) => word.toString(16).padStart(8, '0')).join(''), records: entry.records };
  }
}

export interface ExpectedDigests {
  /** By the Keycloak id of each root group whose subtree could be described. */
  readonly digests: ReadonlyMap<string, SubtreeDigest>;
  /** The organization of each root group, by its Keycloak id. */
  readonly organizationOfRoot: ReadonlyMap<string, string>;
  /**
   * Organizations whose subtree the model cannot describe in Keycloak's ids, or whose Keycloak state
   * it cannot foresee: a group not created yet, a member without an account yet, a member whose
   * model name is empty (Keycloak keeps the name it has, whatever it is). Read in detail.
   */
  readonly undescribed: ReadonlySet<string>;
}

/**
 * The digests Keycloak's subtrees must have for the desired state: every desired top-level group is
 * a root; groups by their recorded Keycloak ids, members by their accounts' ids (`userIds`, by person
 * id). Pure.
 */
export function expectedDigests(desired: DesiredState, recorded: ReadonlyMap<string, RecordedGroup>, userIds: ReadonlyMap<string, string>): ExpectedDigests {
  const byKey = new Map(desired.groups.map((group) => [group.key, group]));
  const users = new Map(desired.users.map((user) => [user.personId, user]));
  const rootOf = new Map<string, DesiredGroup>();
  const root = (group: DesiredGroup): DesiredGroup => {
    const known = rootOf.get(group.key);
    if (known) return known;
    const parent = group.parentKey ? byKey.get(group.parentKey) : undefined;
    const found = parent ? root(parent) : group;
    rootOf.set(group.key, found);
    return found;
  };
  const sums = new DigestSums();
  const undescribed = new Set<string>();
  const organizationOfRoot = new Map<string, string>();
  for (const group of desired.groups) {
    const top = root(group);
    const rootId = recorded.get(top.key)?.keycloakId;
    const id = recorded.get(group.key)?.keycloakId;
    const parentId = group.parentKey ? recorded.get(group.parentKey)?.keycloakId : null;
    if (!rootId || !id || parentId === undefined) {
      undescribed.add(top.organizationId);
      continue;
    }
    organizationOfRoot.set(rootId, top.organizationId);
    sums.add(rootId, digestRecord('G', id, parentId, group.name));
    for (const [name, values] of Object.entries(group.attributes)) for (const value of values) sums.add(rootId, digestRecord('A', id, name, value));
    if (group.clientRole) sums.add(rootId, digestRecord('R', id, group.clientRole.clientId, group.clientRole.role));
    for (const personId of group.members) {
      const userId = userIds.get(personId);
      const user = users.get(personId);
      if (!userId || !user || user.firstName.trim() === '' || user.lastName.trim() === '') {
        undescribed.add(top.organizationId);
        continue;
      }
      sums.add(rootId, digestRecord('M', id, userId, user.email, user.firstName, user.lastName));
    }
  }
  const digests = new Map<string, SubtreeDigest>();
  for (const [rootId, organizationId] of organizationOfRoot) if (!undescribed.has(organizationId)) digests.set(rootId, sums.digest(rootId));
  return { digests, organizationOfRoot, undescribed };
}
