import { many, type Queryable } from '../db/query.js';
import type { AuditEntryView, AuditExportQuery, AuditQuery } from './schemas.js';

/** The most rows one CSV export holds; a wider one asks for a narrower period. */
export const maxExportRows = 100_000;

/** R32: one organization's audit entries matching the filters, newest first, as SQL conditions. */
function where(organizationId: string, filters: AuditExportQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  const conditions = ['organization_id = $1'];
  const add = (condition: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filters.action?.length) add((p) => `action = ANY(${p}::text[])`, filters.action);
  if (filters.subjectType) add((p) => `subject_type = ${p}`, filters.subjectType);
  if (filters.actor)
    add(
      (p) => `actor_label ILIKE '%' || ${p} || '%'`,
      filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  // Days are judged in the platform's time zone, as every date of the model.
  if (filters.from) add((p) => `at >= (${p}::date)::timestamp AT TIME ZONE 'Europe/Zurich'`, filters.from);
  if (filters.to) add((p) => `at < (${p}::date + 1)::timestamp AT TIME ZONE 'Europe/Zurich'`, filters.to);
  return { sql: conditions.join(' AND '), params };
}

const columns = `id::int AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_label AS actor, action,
  subject_type AS "subjectType", subject_id AS "subjectId", before, after`;

export async function auditPage(
  db: Queryable,
  organizationId: string,
  query: AuditQuery,
): Promise<{ items: AuditEntryView[]; total: number; page: number; pageSize: number }> {
  const { sql, params } = where(organizationId, query);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const [items, total] = await Promise.all([
    many<AuditEntryView>(
      db,
      `SELECT ${columns} FROM audit_entry WHERE ${sql} ORDER BY at DESC, id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ),
    many<{ n: number }>(db, `SELECT count(*)::int AS n FROM audit_entry WHERE ${sql}`, params),
  ]);
  return { items, total: total[0]?.n ?? 0, page, pageSize };
}

export function auditRows(db: Queryable, organizationId: string, query: AuditExportQuery): Promise<AuditEntryView[]> {
  const { sql, params } = where(organizationId, query);
  return many<AuditEntryView>(db, `SELECT ${columns} FROM audit_entry WHERE ${sql} ORDER BY at DESC, id DESC LIMIT ${maxExportRows + 1}`, params);
}

/**
 * The entries as CSV for a spreadsheet: semicolons (French spreadsheets' separator), a UTF-8 byte
 * order mark (so accents open right), every field quoted (RFC 4180), before and after as JSON.
 */
export function auditCsv(rows: readonly AuditEntryView[]): string {
  const quote = (value: unknown): string =>
    `"${(value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)).replace(/"/g, '""')}"`;
  const header = ['at', 'actor', 'action', 'subject_type', 'subject_id', 'before', 'after'].map(quote).join(';');
  const lines = rows.map((r) => [r.at, r.actor, r.action, r.subjectType, r.subjectId, r.before, r.after].map(quote).join(';'));
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}
