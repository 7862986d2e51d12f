import { one } from '../db/query.js';
import { route, type ApiRoute } from '../http/routes.js';
import { itemsOf, text, uuid } from '../http/schemas.js';
import { memberSchema, noFieldsSchema } from '../members/schemas.js';
import { approveAccessRequest, rejectAccessRequest, requestAccess } from './commands.js';
import { requestableRoles } from './rules.js';
import { listPendingRequests } from './store.js';

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'role'],
  properties: {
    organization: { ...text(40), description: "the organization's identifier: UID, SIRET, SIREN or affiliate number" },
    role: { enum: requestableRoles },
    message: { type: 'string', maxLength: 1000 },
  },
} as const;

const createdSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'organizationId', 'role', 'status'],
  properties: { id: uuid, organizationId: uuid, role: { enum: requestableRoles }, status: { const: 'pending' } },
} as const;

const { email, givenName, familyName } = memberSchema.properties;
const listSchema = itemsOf({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'personId', 'email', 'givenName', 'familyName', 'role', 'message', 'createdAt'],
  properties: { id: uuid, personId: uuid, email, givenName, familyName, role: { enum: requestableRoles }, message: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
});

const single = '/organizations/{orgId}/access-requests/{requestId}';
const target = (params: Readonly<Record<string, string>>) => ({ organizationId: params.orgId!, requestId: params.requestId! });

/** Access requests in the API (R22): a signed-in person asks; the organization's managers answer. */
export const accessRequestRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'requestAccess',
    method: 'post',
    path: '/access-requests',
    summary: { fr: "Demander l'accès à une organisation (membre ou observateur) ; ses gestionnaires sont avertis (R22)", en: 'Ask an organization for access (member or observer); its managers are told (R22)' },
    action: 'access_request.create',
    body: createSchema,
    response: { status: 201, schema: createdSchema },
    handle: async ({ pool, principal, body, services }) => {
      const personId = principal!.personId;
      const person = await one<{ email: string }>(pool, 'SELECT email FROM person WHERE id = $1', [personId]);
      const created = await requestAccess(pool, { personId, label: person.email }, { personId, organization: body.organization, role: body.role, ...(body.message === undefined ? {} : { message: body.message }), consoleUrl: services.publicUrl });
      return { id: created.requestId, organizationId: created.organizationId, role: created.role, status: 'pending' };
    },
  }),
  route({
    operationId: 'listAccessRequests',
    method: 'get',
    path: '/organizations/{orgId}/access-requests',
    summary: { fr: "Les demandes d'accès en attente (R22)", en: 'Pending access requests (R22)' },
    action: 'access_request.list',
    response: { status: 200, schema: listSchema },
    handle: async ({ pool, params }) => ({ items: await listPendingRequests(pool, params.orgId!) }),
  }),
  route({
    operationId: 'approveAccessRequest',
    method: 'post',
    path: `${single}/approve`,
    summary: { fr: 'Accepter : la personne devient membre actif dans le rôle demandé (R22, R13)', en: 'Accept: the person becomes an active member in the role asked (R22, R13)' },
    action: 'access_request.decide',
    body: noFieldsSchema,
    response: { status: 200, schema: { type: 'object', additionalProperties: false, required: ['membershipId'], properties: { membershipId: uuid } } },
    handle: ({ pool, actor, params }) => approveAccessRequest(pool, actor, target(params)),
  }),
  route({
    operationId: 'rejectAccessRequest',
    method: 'post',
    path: `${single}/reject`,
    summary: { fr: 'Refuser la demande (R22)', en: 'Refuse the request (R22)' },
    action: 'access_request.decide',
    body: noFieldsSchema,
    response: { status: 204 },
    handle: ({ pool, actor, params }) => rejectAccessRequest(pool, actor, target(params)),
  }),
];
