import { notFound } from '../commands/refusals.js';
import { maybeOne, one, type Queryable } from '../db/query.js';
import type { MemberListQuery, MemberView } from './schemas.js';

/** Reads of members for the API, from PostgreSQL (never Keycloak), each in one query. */

const rightsOfMember = `COALESCE((SELECT json_agg(json_build_object('serviceId', r.service_id, 'rightId', r.right_id, 'unitId', r.unit_id)
    ORDER BY r.service_id, r.right_id, r.unit_id NULLS FIRST) FROM membership_right r WHERE r.membership_id = m.id), '[]'::json)`;

const memberColumns = `m.id, m.person_id AS "personId", p.email, p.given_name AS "givenName", p.family_name AS "familyName", m.role, m.status,
  to_char(m.expires_on, 'YYYY-MM-DD') AS "expiresOn", to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

export async function readMember(db: Queryable, organizationId: string, membershipId: string): Promise<MemberView> {
  const row = await maybeOne<MemberView>(
    db,
    `SELECT ${memberColumns}, ${rightsOfMember} AS rights FROM membership m JOIN person p ON p.id = m.person_id WHERE m.id = $1 AND m.organization_id = $2`,
    [membershipId, organizationId],
  );
  if (!row) throw notFound('membership', 'membershipId');
  return row;
}

/** Sort keys over the columns `found` carries (below), so that a page is sorted from them alone. */
const orderBy: Record<string, string> = {
  name: 'lower(family_name), lower(given_name), email_normalized',
  email: 'email_normalized',
  role: 'role, lower(family_name)',
  status: 'status, lower(family_name)',
  createdAt: 'created_at',
};

/** `ORDER BY` of a sort key (`-` first: descending); the keys come from the schema's enum only. */
function orderOf(sort: string): string {
  const descending = sort.startsWith('-');
  const columns = orderBy[descending ? sort.slice(1) : sort] ?? orderBy.name!;
  return `${columns
    .split(', ')
    .map((column) => `${column}${descending ? ' DESC' : ''}`)
    .join(', ')}, id`;
}

const likePattern = (q: string): string =>
  `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The organization's members matching the search (e-mail, names), filters (roles, statuses, a
 * service or one right of it) and sort, one page of them with their rights, and how many match in
 * all: one statement, served by the indexes of memberships by organization. `found` carries the
 * sort keys, so the page is a top-N sort of it (issue 19: 10,000 members) and only the page's rows
 * are joined again for their columns and rights.
 */
export async function listMembers(
  db: Queryable,
  organizationId: string,
  query: MemberListQuery,
): Promise<{ items: MemberView[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const order = orderOf(query.sort ?? 'name');
  const row = await one<{ total: number; items: MemberView[] }>(
    db,
    `WITH found AS MATERIALIZED (
       SELECT m.id, m.role, m.status, m.created_at, p.family_name, p.given_name, p.email_normalized
         FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.organization_id = $1
          AND ($2::text IS NULL OR p.email_normalized LIKE $2 OR lower(p.given_name || ' ' || p.family_name) LIKE $2 OR lower(p.family_name || ' ' || p.given_name) LIKE $2)
          AND ($3::text[] IS NULL OR m.role = ANY($3))
          AND ($4::text[] IS NULL OR m.status = ANY($4))
          AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM membership_right r WHERE r.membership_id = m.id AND r.service_id = $5 AND ($6::text IS NULL OR r.right_id = $6)))
     ), page AS (
       SELECT id, row_number() OVER (ORDER BY ${order}) AS position
         FROM (SELECT * FROM found ORDER BY ${order} LIMIT $7 OFFSET $8) sorted
     ), shown AS (
       SELECT ${memberColumns}, ${rightsOfMember} AS rights, page.position
         FROM page JOIN membership m ON m.id = page.id JOIN person p ON p.id = m.person_id
     )
     SELECT (SELECT count(*)::int FROM found) AS total,
            COALESCE((SELECT json_agg(to_jsonb(shown) - 'position' ORDER BY position) FROM shown), '[]'::json) AS items`,
    [
      organizationId,
      query.q ? likePattern(query.q) : null,
      query.role ?? null,
      query.status ?? null,
      query.service ?? null,
      query.service ? (query.right ?? null) : null,
      pageSize,
      (page - 1) * pageSize,
    ],
  );
  return { items: row.items, total: row.total, page, pageSize };
}
