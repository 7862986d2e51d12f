import { route, type ApiRoute } from '../http/routes.js';
import { one, many } from '../db/query.js';

const meSchema = {
  type: 'object',
  required: ['person', 'organizations', 'operator'],
  properties: {
    person: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, givenName: { type: 'string' }, familyName: { type: 'string' } } },
    organizations: { type: 'array', items: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, identifier: { type: 'string' }, legalName: { type: 'string' }, role: { type: 'string' } } } },
    operator: { type: 'boolean', description: "The caller is one of the operator's staff (realm role procura-operator, decision 0022): the console shows the back office" },
  },
} as const;

/** R21: the person sees every organization they act for, with their role in each; R31: whether they are the operator's staff. */
export const meRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'getMe',
    method: 'get',
    path: '/me',
    summary: { fr: 'Moi : les organisations pour lesquelles j\'agis et mon rôle dans chacune (R21) ; si je suis du personnel de l\'opérateur (R31)', en: "Me: the organizations I act for and my role in each (R21); whether I am the operator's staff (R31)" },
    action: 'me.read',
    response: { status: 200, schema: meSchema },
    handle: async ({ pool, principal }) => {
      const personId = principal!.personId;
      const person = await one<{ id: string; email: string; givenName: string; familyName: string }>(
        pool,
        'SELECT id, email, given_name AS "givenName", family_name AS "familyName" FROM person WHERE id = $1',
        [personId],
      );
      const organizations = await many(
        pool,
        `SELECT o.id, o.identifier_kind AS "identifierKind", o.identifier, o.legal_name AS "legalName", o.type, m.role
           FROM membership m JOIN organization o ON o.id = m.organization_id
          WHERE m.person_id = $1 AND m.status = 'active' AND o.status <> 'closed'
          ORDER BY o.legal_name`,
        [personId],
      );
      return { person, organizations, operator: principal!.operator };
    },
  }),
];
