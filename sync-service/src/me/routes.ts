import { Router } from 'express';
import type pg from 'pg';
import { requireSession } from '../auth/middleware.js';

/** R21: the person sees every organization they act for, with their role in each. */
export function meRoutes(deps: { pool: pg.Pool }): Router {
  const router = Router();
  router.get('/api/v1/me', requireSession, async (request, response) => {
    const personId = request.session!.personId;
    const person = await deps.pool.query<{ id: string; email: string; given_name: string; family_name: string }>(
      'SELECT id, email, given_name, family_name FROM person WHERE id = $1',
      [personId],
    );
    const organizations = await deps.pool.query<{ id: string; identifier_kind: string; identifier: string; legal_name: string; type: string; role: string }>(
      `SELECT o.id, o.identifier_kind, o.identifier, o.legal_name, o.type, m.role
         FROM membership m JOIN organization o ON o.id = m.organization_id
        WHERE m.person_id = $1 AND m.status = 'active' AND o.status <> 'closed'
        ORDER BY o.legal_name`,
      [personId],
    );
    const row = person.rows[0]!;
    response.json({
      person: { id: row.id, email: row.email, givenName: row.given_name, familyName: row.family_name },
      organizations: organizations.rows.map((o) => ({ id: o.id, identifierKind: o.identifier_kind, identifier: o.identifier, legalName: o.legal_name, type: o.type, role: o.role })),
    });
  });
  return router;
}
