import { route, type ApiRoute } from '../routes.js';
import { auditCsv, auditPage, auditRows, maxExportRows } from './queries.js';
import { auditExportQuerySchema, auditPageSchema, auditQuerySchema } from './schemas.js';
import { refuse } from '../error-codes/refuse.js';

/** The organization's audit trail in the API (R32): who, when, what, before and after; managers only. */
export const auditRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listAudit',
    method: 'get',
    path: '/organizations/{orgId}/audit',
    summary: { fr: "Le journal d'audit de l'organisation, filtré, le plus récent d'abord", en: "The organization's audit trail, filtered, newest first" },
    rules: ['R32'],
    action: 'audit.read',
    query: auditQuerySchema,
    response: { status: 200, schema: auditPageSchema },
    handle: ({ pool, params, query }) => auditPage(pool, params.orgId, query),
  }),
  route({
    operationId: 'exportAudit',
    method: 'get',
    path: '/organizations/{orgId}/audit/export',
    summary: { fr: "Le journal d'audit filtré, en CSV pour un tableur", en: 'The filtered audit trail, as CSV for a spreadsheet' },
    rules: ['R32'],
    action: 'audit.read',
    query: auditExportQuerySchema,
    response: { status: 200, mediaType: 'text/csv', filename: 'audit.csv' },
    handle: async ({ pool, params, query }) => {
      const rows = await auditRows(pool, params.orgId, query);
      if (rows.length > maxExportRows) {
        throw refuse('audit.export_too_large', { max: maxExportRows });
      }
      return auditCsv(rows);
    },
  }),
];
