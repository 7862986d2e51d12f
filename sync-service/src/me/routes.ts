import { route, type ApiRoute } from '../routes.js';
import { one, many } from '../db/query.js';
import { businessDay } from '../domain/business-day.js';
import { mandateInForce, membershipInForce } from '../policy/access.js';
import { roles } from '../domain/roles.js';

const meSchema = {
  type: 'object',
  required: ['person', 'organizations', 'clients', 'operator'],
  properties: {
    person: {
      type: 'object',
      required: ['id', 'email', 'givenName', 'familyName'],
      properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, givenName: { type: 'string' }, familyName: { type: 'string' } },
    },
    organizations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'identifier', 'legalName', 'role'],
        properties: { id: { type: 'string', format: 'uuid' }, identifier: { type: 'string' }, legalName: { type: 'string' }, role: { enum: roles } },
      },
    },
    clients: {
      type: 'array',
      description:
        "the organizations the caller acts for as a fiduciary's delegate, through an active mandate in force today, with the rights the mandate gives them there",
      items: {
        type: 'object',
        required: ['id', 'identifier', 'legalName', 'via', 'rights'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          identifier: { type: 'string' },
          legalName: { type: 'string' },
          via: {
            type: 'object',
            required: ['id', 'legalName', 'mandateId'],
            properties: { id: { type: 'string', format: 'uuid' }, legalName: { type: 'string' }, mandateId: { type: 'string', format: 'uuid' } },
          },
          rights: {
            type: 'array',
            items: { type: 'object', required: ['serviceId', 'rightId'], properties: { serviceId: { type: 'string' }, rightId: { type: 'string' } } },
          },
        },
      },
    },
    operator: {
      type: 'boolean',
      description: "The caller is one of the operator's staff (realm role procura-operator, decision 0022): the console shows the back office",
    },
  },
} as const;

/**
 * R21: the person sees every organization they act for, with their role in each, and (R25, R26)
 * the clients they act for as a fiduciary's delegate, with the mandate's rights; R31: whether they
 * are the operator's staff.
 */
export const meRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'getMe',
    method: 'get',
    path: '/me',
    summary: {
      fr: "Moi : les organisations pour lesquelles j'agis et mon rôle dans chacune ; si je suis du personnel de l'opérateur",
      en: "Me: the organizations I act for and my role in each; whether I am the operator's staff",
    },
    rules: ['R21', 'R31'],
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
      const clients = await many(
        pool,
        `SELECT c.id, c.identifier, c.legal_name AS "legalName",
                jsonb_build_object('id', f.id, 'legalName', f.legal_name, 'mandateId', x.id) AS via,
                coalesce((SELECT jsonb_agg(jsonb_build_object('serviceId', r.service_id, 'rightId', r.right_id) ORDER BY r.service_id, r.right_id)
                            FROM mandate_delegate_right r WHERE r.mandate_id = d.mandate_id AND r.membership_id = d.membership_id), '[]'::jsonb) AS rights
           FROM mandate_delegate d
           JOIN membership m ON m.id = d.membership_id
           JOIN mandate x ON x.id = d.mandate_id
           JOIN organization c ON c.id = x.client_id
           JOIN organization f ON f.id = x.fiduciary_id
          WHERE m.person_id = $1 AND m.organization_id = x.fiduciary_id AND ${membershipInForce('m', '$2')} AND ${mandateInForce('x', '$2')}
            AND c.status = 'active' AND f.status = 'active'
          ORDER BY c.legal_name, f.legal_name`,
        [personId, businessDay()],
      );
      return { person, organizations, clients, operator: principal!.operator };
    },
  }),
];
