import { notFound } from '../commands/refusals.js';
import { isUuid } from '../db/query.js';
import { route, type ApiRoute, type FileAnswer } from '../routes.js';
import { documentMediaTypes } from '../documents/rules.js';
import { findDocument } from '../documents/store.js';
import { itemsOf, uuid } from '../http/schemas.js';
import { pendingMandates } from '../mandates/queries.js';
import { rejectMandate, validateMandate } from '../mandates/requests.js';
import { pendingMandateSchema, rejectionSchema } from '../mandates/schemas.js';
import { noFieldsSchema } from '../members/schemas.js';
import { businessDay } from '../domain/business-day.js';
import { deadlineDays, withDeadlines } from './deadlines.js';
import { operatorQueueRoute } from './queue.js';
import { changeOrganizationType } from '../organizations/commands.js';
import { readOrganization } from '../organizations/queries.js';
import { organizationSchema, organizationTypeChangeSchema } from '../organizations/schemas.js';

const mandate = '/operator/mandates/{mandateId}';

/** The operator's back office (R31): its queues and decisions; every decision is a command, audited. */
export const operatorRoutes: readonly ApiRoute[] = [
  operatorQueueRoute,
  route({
    operationId: 'listPendingMandates',
    method: 'get',
    path: '/operator/mandates',
    summary: { fr: 'Les mandats à valider, avec leur échéance, les dépassés en tête', en: 'Mandates awaiting validation, with their deadlines, overdue first' },
    rules: ['R24', 'R31'],
    action: 'operator.mandate.list',
    response: { status: 200, schema: itemsOf(pendingMandateSchema) },
    handle: async ({ pool }) => ({ items: withDeadlines(await pendingMandates(pool), businessDay(), deadlineDays()) }),
  }),
  route({
    operationId: 'validateMandate',
    method: 'post',
    path: `${mandate}/validate`,
    summary: {
      fr: "Valider le mandat : actif dès aujourd'hui ; la fiduciaire et les représentants du client sont avertis",
      en: "Validate the mandate: active from today; the fiduciary and the client's representatives are told",
    },
    rules: ['R24', 'R28'],
    action: 'operator.mandate.decide',
    body: noFieldsSchema,
    response: {
      status: 200,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'invitationId'],
        properties: { id: uuid, status: { const: 'active' }, invitationId: { type: ['string', 'null'], format: 'uuid' } },
      },
    },
    handle: async ({ pool, actor, params, services }) => {
      const mandateId = existing(params.mandateId);
      const { invitation } = await validateMandate(pool, actor, { mandateId, publicUrl: services.publicUrl });
      return { id: mandateId, status: 'active', invitationId: invitation?.invitationId ?? null };
    },
  }),
  route({
    operationId: 'rejectMandate',
    method: 'post',
    path: `${mandate}/reject`,
    summary: { fr: 'Refuser le mandat en disant pourquoi ; la fiduciaire est avertie', en: 'Reject the mandate, saying why; the fiduciary is told' },
    rules: ['R24'],
    action: 'operator.mandate.decide',
    body: rejectionSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params, body, services }) => {
      await rejectMandate(pool, actor, { mandateId: existing(params.mandateId), reason: body.reason, publicUrl: services.publicUrl });
    },
  }),
  route({
    operationId: 'setOrganizationType',
    method: 'put',
    path: '/operator/organizations/{orgId}/type',
    summary: {
      fr: "Changer le type d'une organisation (fiduciaire, employeur…), en disant pourquoi ; ses gestionnaires ne le peuvent pas",
      en: "Change an organization's type (fiduciary, employer…), saying why; its managers cannot",
    },
    action: 'operator.organization.set_type',
    body: organizationTypeChangeSchema,
    response: { status: 200, schema: organizationSchema },
    handle: async ({ pool, actor, params, body }) => {
      if (!isUuid(params.orgId)) throw notFound('organization', 'orgId');
      await changeOrganizationType(pool, actor, { organizationId: params.orgId, type: body.type, reason: body.reason });
      return readOrganization(pool, params.orgId);
    },
  }),
  route({
    operationId: 'getDocument',
    method: 'get',
    path: '/operator/documents/{documentId}',
    summary: {
      fr: 'Un document déposé avec une demande (procuration, justificatifs), en base64, avec son empreinte SHA-256',
      en: 'A document filed with a request (power of attorney, supporting papers), base64, with its SHA-256',
    },
    rules: ['R24', 'R30'],
    action: 'operator.document.read',
    response: {
      status: 200,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'filename', 'mediaType', 'sha256', 'content'],
        properties: {
          id: uuid,
          filename: { type: 'string' },
          mediaType: { type: 'string' },
          sha256: { type: 'string' },
          content: { type: 'string', contentEncoding: 'base64' },
        },
      },
    },
    handle: async ({ pool, params }) => {
      const { bytes, ...found } = (await findDocument(pool, params.documentId)) ?? notFoundDocument();
      return { ...found, content: bytes.toString('base64') };
    },
  }),
  route({
    operationId: 'downloadDocument',
    method: 'get',
    path: '/operator/documents/{documentId}/file',
    summary: {
      fr: "Un document déposé avec une demande, à télécharger : sous un nom sûr avec l'extension de son type détecté, jamais affiché comme une page",
      en: 'A document filed with a request, to download: under a safe name with the extension of its detected type, never shown as a page',
    },
    action: 'operator.document.read',
    response: { status: 200, file: documentMediaTypes },
    handle: async ({ pool, params }): Promise<FileAnswer> => (await findDocument(pool, params.documentId)) ?? notFoundDocument(),
  }),
];

/** A document that is not there, or whose id is not even a UUID. */
function notFoundDocument(): never {
  throw notFound('document', 'documentId');
}

/** An id that is not even a UUID is a mandate that does not exist. */
function existing(mandateId: string): string {
  if (!isUuid(mandateId)) throw notFound('mandate', 'mandateId');
  return mandateId;
}
