import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** The size of a generated dataset (M: the benchmark's reference, issue #3). */
export interface DatasetSize {
  readonly organizations: number;
  readonly unitsPerOrganization: number;
  readonly people: number;
  readonly memberships: number;
  readonly mandates: number;
}

/** The password the benchmarks give the accounts they log in with. */
export const benchPassword = 'Bench-password-2026';

export const datasetM: DatasetSize = { organizations: 1000, unitsPerOrganization: 3, people: 10_000, memberships: 25_000, mandates: 500 };

export const scaled = (size: DatasetSize, factor: number): DatasetSize => ({
  organizations: Math.round(size.organizations * factor),
  unitsPerOrganization: size.unitsPerOrganization,
  people: Math.round(size.people * factor),
  memberships: Math.round(size.memberships * factor),
  mandates: Math.round(size.mandates * factor),
});

const services = ['salary-declaration', 'employer-inbox', 'contributions', 'insurance-certificates', 'company-journal'];

const rightsOf: Record<string, string[]> = {
  'salary-declaration': ['read', 'submit', 'correct', 'sign'],
  'employer-inbox': ['read', 'assign', 'archive', 'reply'],
  contributions: ['read', 'pay', 'dispute', 'export'],
  'insurance-certificates': ['read', 'request', 'download', 'manage'],
  'company-journal': ['read', 'comment', 'export', 'moderate'],
};

/** A deterministic pseudo-random generator, so two runs generate the same dataset. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface GeneratedDataset {
  readonly organizationIds: string[];
  readonly fiduciaryIds: string[];
  readonly membershipIds: string[];
  readonly prefix: string;
}

/**
 * Writes a dataset into the business database in bulk (unnest inserts): organizations (one in ten a
 * fiduciary), units, people, memberships (a legal representative per organization, then members,
 * managers and observers), subscriptions (3 of the 5 services), 1–2 rights per membership (one in
 * five limited to a unit), mandates with 1–2 delegates holding 1–2 rights each. Identifiers are
 * affiliate numbers as the API takes them (digits: the prefix's character code, then the index), so
 * that the decision endpoint can be asked about them.
 */
export async function generateDataset(db: pg.Pool, size: DatasetSize, prefix: string): Promise<GeneratedDataset> {
  const random = generator(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const organizationIds: string[] = Array.from({ length: size.organizations }, () => randomUUID());
  const isFiduciary = (i: number): boolean => i % 10 === 9;
  await insert(
    db,
    'organization',
    ['id', 'identifier_kind', 'identifier', 'legal_name', 'type'],
    organizationIds.map((id, i) => [
      id,
      'affiliate',
      `${prefix.charCodeAt(0)}${String(i).padStart(6, '0')}`,
      `Bench ${i} SA`,
      isFiduciary(i) ? 'fiduciary' : 'employer',
    ]),
  );
  const units = organizationIds.flatMap((organizationId, i) =>
    Array.from({ length: size.unitsPerOrganization }, (_, u) => [randomUUID(), organizationId, 'branch', `Unité ${i}-${u}`]),
  );
  await insert(db, 'unit', ['id', 'organization_id', 'kind', 'name'], units);
  const unitsOf = new Map<string, string[]>();
  for (const [id, organizationId] of units) unitsOf.set(organizationId as string, [...(unitsOf.get(organizationId as string) ?? []), id as string]);
  const subscribed = new Map(organizationIds.map((id) => [id, [...services].sort(() => random() - 0.5).slice(0, 3)]));
  await insert(
    db,
    'subscription',
    ['organization_id', 'service_id'],
    [...subscribed].flatMap(([id, list]) => list.map((s) => [id, s])),
  );
  const personIds: string[] = Array.from({ length: size.people }, () => randomUUID());
  await insert(
    db,
    'person',
    ['id', 'email', 'given_name', 'family_name'],
    personIds.map((id, i) => [id, `bench-${prefix}-${i}@example.test`, 'Bench', `Person ${i}`]),
  );

  const memberships: unknown[][] = [];
  const taken = new Set<string>();
  const membershipIds: string[] = [];
  const membersOf = new Map<string, string[]>();
  for (let i = 0; memberships.length < size.memberships && i < size.memberships * 4; i++) {
    const organizationIndex = i < size.organizations ? i : Math.floor(random() * size.organizations);
    const organizationId = organizationIds[organizationIndex]!;
    const personId = personIds[i < size.people ? i : Math.floor(random() * size.people)]!;
    if (taken.has(`${personId}|${organizationId}`)) continue;
    taken.add(`${personId}|${organizationId}`);
    const id = randomUUID();
    const role = i < size.organizations ? 'legal_representative' : pick(['member', 'member', 'member', 'manager', 'observer']);
    memberships.push([id, personId, organizationId, role, 'active']);
    membershipIds.push(id);
    membersOf.set(organizationId, [...(membersOf.get(organizationId) ?? []), id]);
  }
  await insert(db, 'membership', ['id', 'person_id', 'organization_id', 'role', 'status'], memberships);

  const grants: unknown[][] = [];
  for (const [id, , organizationId] of memberships as string[][]) {
    const chosen = new Set<string>();
    for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
      const service = pick(subscribed.get(organizationId!)!);
      const right = pick(rightsOf[service]!);
      const unit = random() < 0.2 ? pick(unitsOf.get(organizationId!)!) : null;
      const key = `${service}|${right}|${unit}`;
      if (chosen.has(key)) continue;
      chosen.add(key);
      grants.push([id, service, right, unit]);
    }
  }
  await insert(db, 'membership_right', ['membership_id', 'service_id', 'right_id', 'unit_id'], grants);

  const fiduciaryIds = organizationIds.filter((_, i) => isFiduciary(i));
  const clients = organizationIds.filter((_, i) => !isFiduciary(i));
  const mandates: unknown[][] = [];
  const delegates: unknown[][] = [];
  const delegateRights: unknown[][] = [];
  const pairs = new Set<string>();
  // A dataset too small to hold a fiduciary (fewer than 10 organizations) has no mandates.
  for (let m = 0; fiduciaryIds.length > 0 && clients.length > 0 && mandates.length < size.mandates && m < size.mandates * 4; m++) {
    const fiduciaryId = fiduciaryIds[m % fiduciaryIds.length]!;
    const clientId = pick(clients);
    if (pairs.has(`${fiduciaryId}|${clientId}`)) continue;
    pairs.add(`${fiduciaryId}|${clientId}`);
    const id = randomUUID();
    mandates.push([id, fiduciaryId, clientId, 'active', `bench/${id}.pdf`, '0'.repeat(64)]);
    const staff = membersOf.get(fiduciaryId) ?? [];
    for (const membershipId of new Set([pick(staff), pick(staff)])) {
      delegates.push([id, membershipId]);
      const service = pick(subscribed.get(clientId)!);
      delegateRights.push([id, membershipId, service, pick(rightsOf[service]!)]);
    }
  }
  await insert(db, 'mandate', ['id', 'fiduciary_id', 'client_id', 'status', 'power_of_attorney_ref', 'power_of_attorney_sha256'], mandates);
  await insert(db, 'mandate_delegate', ['mandate_id', 'membership_id'], delegates);
  await insert(db, 'mandate_delegate_right', ['mandate_id', 'membership_id', 'service_id', 'right_id'], delegateRights);
  return { organizationIds, fiduciaryIds, membershipIds, prefix };
}

/** Bulk insert with one array parameter per column (`unnest`), 5,000 rows per statement. */
async function insert(db: pg.Pool, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    const arrays = columns.map((_, c) => chunk.map((row) => row[c]));
    const casts = await columnTypes(db, table, columns);
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${casts[c]}[]`).join(', ')})`,
      arrays,
    );
  }
}

const typeCache = new Map<string, Record<string, string>>();

async function columnTypes(db: pg.Pool, table: string, columns: string[]): Promise<Record<string, string>> {
  const cached = typeCache.get(table);
  if (cached) return cached;
  const { rows } = await db.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = ANY($2::text[])`,
    [table, columns],
  );
  const types = Object.fromEntries(rows.map((r) => [r.column_name, r.udt_name]));
  typeCache.set(table, types);
  return types;
}
