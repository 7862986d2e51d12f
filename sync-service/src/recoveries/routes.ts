import { route, type ApiRoute } from '../routes.js';
import { itemsOf, text, uuid } from '../http/schemas.js';
import { documentSchema, rejectionSchema } from '../mandates/schemas.js';
import { roles } from '../domain/roles.js';
import { deadlineDays, withDeadlines } from '../operator/deadlines.js';
import { addBusinessDays, businessDay } from '../domain/business-day.js';
import { appointFromRecovery, fileRecovery, rejectRecovery } from './commands.js';
import { representative } from '../sign-ups/routes.js';
import { pendingRecoveries } from './store.js';

const requester = representative;

const recoverySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'requester', 'documents'],
  properties: {
    organization: { ...text(40), description: "the organization's identifier: UID, SIRET, SIREN or affiliate number" },
    requester,
    documents: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: documentSchema,
      description: 'supporting documents (register extract, signed letter): PDF, PNG or JPEG, 5 MiB each, 8 MB in all',
    },
    message: { type: 'string', maxLength: 2000 },
  },
} as const;

const documentMeta = {
  type: 'object',
  additionalProperties: false,
  required: ['documentId', 'filename', 'mediaType', 'byteSize', 'sha256'],
  properties: { documentId: uuid, filename: { type: 'string' }, mediaType: { type: 'string' }, byteSize: { type: 'integer' }, sha256: { type: 'string' } },
} as const;
const currentManager = {
  type: 'object',
  additionalProperties: false,
  required: ['membershipId', 'givenName', 'familyName', 'email', 'role'],
  properties: { membershipId: uuid, givenName: { type: 'string' }, familyName: { type: 'string' }, email: { type: 'string' }, role: { enum: roles } },
} as const;
const pendingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'organization', 'requester', 'message', 'documents', 'managers', 'requestedOn', 'requestedAt', 'deadline', 'overdue'],
  properties: {
    id: uuid,
    organization: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'identifier', 'legalName'],
      properties: { id: uuid, identifier: { type: 'string' }, legalName: { type: 'string' } },
    },
    requester,
    message: { type: 'string' },
    documents: { type: 'array', items: documentMeta },
    managers: { type: 'array', items: currentManager, description: "the organization's current managers (active, unexpired): whom the request would replace" },
    requestedOn: { type: 'string', format: 'date' },
    requestedAt: { type: 'string', format: 'date-time' },
    deadline: { type: 'string', format: 'date' },
    overdue: { type: 'boolean' },
  },
} as const;

/** R30, R14 (decision 0042): the current managers to retire with the appointment, by membership. */
const appointSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retire: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: uuid,
      description: "memberships of the organization's current managers (the departed ones) to remove in the same step; none by default",
    },
  },
} as const;

/** Recovery of an organization none of whose managers can be reached (R30), public, and its queue in the operator's back office (R31). */
export const recoveryRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'requestRecovery',
    bodyLimit: 'documents',
    method: 'post',
    path: '/recoveries',
    summary: {
      fr: "Demander la reprise d'une organisation dont aucun gestionnaire n'est joignable, justificatifs joints ; ses gestionnaires en fonction sont avertis (public)",
      en: 'Ask to take over an organization none of whose managers can be reached, supporting documents attached; its current managers are told (public)',
    },
    rules: ['R30'],
    action: 'recovery.create',
    body: recoverySchema,
    response: {
      status: 201,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'deadline'],
        properties: { id: uuid, status: { const: 'pending' }, deadline: { type: 'string', format: 'date' } },
      },
    },
    handle: async ({ pool, body }) => {
      const { id } = await fileRecovery(
        pool,
        { personId: null, label: `recovery ${body.requester.email}` },
        { ...body, ...(body.message === undefined ? {} : { message: body.message }) },
      );
      return { id, status: 'pending', deadline: addBusinessDays(businessDay(), deadlineDays()) };
    },
  }),
  route({
    operationId: 'listPendingRecoveries',
    method: 'get',
    path: '/operator/recoveries',
    summary: {
      fr: "Les demandes de reprise à traiter, avec leur échéance et les gestionnaires en fonction de l'organisation, les dépassées en tête",
      en: "Recovery requests to handle, with their deadlines and the organization's current managers, overdue first",
    },
    rules: ['R30', 'R31'],
    action: 'operator.recovery.list',
    response: { status: 200, schema: itemsOf(pendingSchema) },
    handle: async ({ pool }) => ({ items: withDeadlines(await pendingRecoveries(pool, businessDay()), businessDay(), deadlineDays()) }),
  }),
  route({
    operationId: 'appointFromRecovery',
    method: 'post',
    path: '/operator/recoveries/{recoveryId}/appoint',
    summary: {
      fr: "Nommer le demandeur requérant de l'organisation (invité, ou son rôle changé s'il en est membre), en retirant dans le même temps les gestionnaires partis choisis",
      en: "Appoint the requester the organization's legal representative (invited, or their role changed if a member), retiring in the same step the departed managers chosen",
    },
    rules: ['R30'],
    action: 'operator.recovery.decide',
    body: appointSchema,
    response: {
      status: 200,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['membershipId', 'invitationId', 'retired'],
        properties: {
          membershipId: uuid,
          invitationId: { type: ['string', 'null'], format: 'uuid' },
          retired: { type: 'array', items: uuid, description: 'the memberships removed' },
        },
      },
    },
    handle: async ({ pool, actor, params, body, services }) => {
      const { membershipId, invitation, retired } = await appointFromRecovery(pool, actor, {
        recoveryId: params.recoveryId,
        publicUrl: services.publicUrl,
        retire: body.retire ?? [],
      });
      return { membershipId, invitationId: invitation?.invitationId ?? null, retired };
    },
  }),
  route({
    operationId: 'rejectRecovery',
    method: 'post',
    path: '/operator/recoveries/{recoveryId}/reject',
    summary: { fr: 'Refuser la reprise en disant pourquoi ; le demandeur est averti', en: 'Reject the recovery, saying why; the requester is told' },
    rules: ['R30'],
    action: 'operator.recovery.decide',
    body: rejectionSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params, body, services }) => {
      await rejectRecovery(pool, actor, { recoveryId: params.recoveryId, reason: body.reason, publicUrl: services.publicUrl });
    },
  }),
];
