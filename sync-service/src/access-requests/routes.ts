import { one } from '../db/query.js';
import { route, type ApiRoute, type PathParams } from '../routes.js';
import { itemsOf, text, uuid } from '../http/schemas.js';
import { memberSchema, noFieldsSchema, rightSchema } from '../members/schemas.js';
import { approveAccessRequest, rejectAccessRequest, requestAccess } from './commands.js';
import { requestableRoles } from './rules.js';
import { listPendingRequests, requestsOf } from './store.js';

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
  properties: {
    id: uuid,
    personId: uuid,
    email,
    givenName,
    familyName,
    role: { enum: requestableRoles },
    message: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
});

const approvedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['membershipId', 'rights'],
  properties: {
    membershipId: uuid,
    rights: {
      type: 'array',
      items: rightSchema,
      description: 'the rights given with the role (an observer: the configured ones, of the services the organization subscribes to)',
    },
  },
} as const;

const rejectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    reason: {
      type: 'string',
      maxLength: 1000,
      description: 'why, in words the person who asked will read: it is sent to them (blank: 422 access_request.reason_required)',
    },
  },
} as const;

const mineSchema = itemsOf({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'organizationId', 'organizationName', 'role', 'status', 'createdAt', 'decidedAt', 'reason'],
  properties: {
    id: uuid,
    organizationId: uuid,
    organizationName: { type: 'string' },
    role: { enum: requestableRoles },
    status: { enum: ['pending', 'approved', 'rejected'] },
    createdAt: { type: 'string', format: 'date-time' },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    reason: { type: ['string', 'null'], description: 'why the request was refused' },
  },
});

const single = '/organizations/{orgId}/access-requests/{requestId}';
const target = (params: PathParams<typeof single>) => ({ organizationId: params.orgId, requestId: params.requestId });

/** Access requests in the API (R22): a signed-in person asks; the organization's managers answer. */
export const accessRequestRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'requestAccess',
    method: 'post',
    path: '/access-requests',
    summary: {
      fr: "Demander l'accès à une organisation (membre ou observateur) ; ses gestionnaires sont avertis",
      en: 'Ask an organization for access (member or observer); its managers are told',
    },
    rules: ['R22'],
    action: 'access_request.create',
    body: createSchema,
    response: { status: 201, schema: createdSchema },
    handle: async ({ pool, principal, body, services }) => {
      const personId = principal!.personId;
      const person = await one<{ email: string }>(pool, 'SELECT email FROM person WHERE id = $1', [personId]);
      const created = await requestAccess(
        pool,
        { personId, label: person.email },
        {
          personId,
          organization: body.organization,
          role: body.role,
          ...(body.message === undefined ? {} : { message: body.message }),
          consoleUrl: services.publicUrl,
        },
      );
      return { id: created.requestId, organizationId: created.organizationId, role: created.role, status: 'pending' };
    },
  }),
  route({
    operationId: 'listAccessRequests',
    method: 'get',
    path: '/organizations/{orgId}/access-requests',
    summary: { fr: "Les demandes d'accès en attente", en: 'Pending access requests' },
    rules: ['R22'],
    action: 'access_request.list',
    response: { status: 200, schema: listSchema },
    handle: async ({ pool, params }) => ({ items: await listPendingRequests(pool, params.orgId) }),
  }),
  route({
    operationId: 'approveAccessRequest',
    method: 'post',
    path: `${single}/approve`,
    summary: {
      fr: 'Accepter : la personne devient membre actif dans le rôle demandé, un observateur avec les droits configurés ; elle en est avertie',
      en: 'Accept: the person becomes an active member in the role asked, an observer with the configured rights; they are told',
    },
    rules: ['R22', 'R13'],
    action: 'access_request.decide',
    body: noFieldsSchema,
    response: { status: 200, schema: approvedSchema },
    handle: ({ pool, actor, params, services }) => approveAccessRequest(pool, actor, { ...target(params), consoleUrl: services.publicUrl }),
  }),
  route({
    operationId: 'rejectAccessRequest',
    method: 'post',
    path: `${single}/reject`,
    summary: {
      fr: 'Refuser la demande en disant pourquoi ; la personne reçoit le motif',
      en: 'Refuse the request, saying why; the person receives the reason',
    },
    rules: ['R22'],
    action: 'access_request.decide',
    body: rejectSchema,
    response: { status: 204 },
    handle: ({ pool, actor, params, body, services }) =>
      rejectAccessRequest(pool, actor, { ...target(params), reason: body.reason, consoleUrl: services.publicUrl }),
  }),
  route({
    operationId: 'listMyAccessRequests',
    method: 'get',
    path: '/me/access-requests',
    summary: {
      fr: "Mes demandes d'accès, les plus récentes d'abord, avec leur réponse et le motif d'un refus",
      en: 'My access requests, latest first, with their answer and the reason of a refusal',
    },
    rules: ['R22'],
    action: 'me.read',
    response: { status: 200, schema: mineSchema },
    handle: async ({ pool, principal }) => ({ items: await requestsOf(pool, principal!.personId) }),
  }),
];
