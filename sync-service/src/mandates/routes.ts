import type pg from 'pg';
import { notFound } from '../commands/refusals.js';
import { isUuid, maybeOne } from '../db/query.js';
import { route, type ApiRoute } from '../routes.js';
import { uuid } from '../http/schemas.js';
import { noFieldsSchema } from '../members/schemas.js';
import { attachToMandates } from './attach.js';
import { endMandate } from './commands.js';
import { assignDelegate, removeDelegate, setDelegateRights } from './delegates.js';
import { mandatesOf } from './queries.js';
import { fileMandateRequest } from './requests.js';
import { attachSchema, delegateRightsSchema, delegateSchema, mandateListSchema, mandateRequestSchema } from './schemas.js';

const mandates = '/organizations/{orgId}/mandates';
const single = `${mandates}/{mandateId}`;

/** The mandate, when `organizationId` is its fiduciary; a client, or anyone else, gets 404 (R25: the fiduciary's managers run its delegates). */
async function ofFiduciary(pool: pg.Pool, mandateId: string, organizationId: string): Promise<string> {
  const found = isUuid(mandateId) ? await maybeOne(pool, 'SELECT 1 FROM mandate WHERE id = $1 AND fiduciary_id = $2', [mandateId, organizationId]) : undefined;
  if (!found) throw notFound('mandate', 'mandateId');
  return mandateId;
}

/** Mandates in the API (R24–R27), on the fiduciary's side and the client's. */
export const mandateRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'requestMandate',
    bodyLimit: 'documents',
    method: 'post',
    path: mandates,
    summary: {
      fr: "Demander un mandat sur un client, procuration jointe ; l'opérateur valide",
      en: 'Request a mandate on a client, power of attorney attached; the operator validates',
    },
    rules: ['R24'],
    action: 'mandate.request',
    body: mandateRequestSchema,
    response: {
      status: 201,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'clientId', 'status'],
        properties: {
          id: uuid,
          clientId: { type: ['string', 'null'], format: 'uuid', description: 'null: a client of the registry, registered when the operator validates' },
          status: { const: 'requested' },
        },
      },
    },
    handle: async ({ pool, actor, params, principal, body }) => {
      const created = await fileMandateRequest(pool, actor, {
        fiduciaryId: params.orgId,
        requesterPersonId: principal!.personId,
        client: body.client,
        powerOfAttorney: body.powerOfAttorney,
        ...(body.validUntil === undefined ? {} : { validUntil: body.validUntil }),
        ...(body.clientRepresentative === undefined ? {} : { clientRepresentative: body.clientRepresentative }),
        ...(body.services === undefined ? {} : { services: body.services }),
      });
      return { ...created, status: 'requested' };
    },
  }),
  route({
    operationId: 'listMandates',
    method: 'get',
    path: mandates,
    summary: {
      fr: "Les mandats de l'organisation, comme fiduciaire ou comme client, avec leurs mandataires",
      en: "The organization's mandates, as fiduciary or as client, with their delegates",
    },
    rules: ['R25'],
    action: 'mandate.list',
    response: { status: 200, schema: mandateListSchema },
    handle: async ({ pool, params }) => ({ items: await mandatesOf(pool, params.orgId) }),
  }),
  route({
    operationId: 'endMandate',
    method: 'post',
    path: `${single}/end`,
    summary: {
      fr: "Mettre fin au mandat, côté fiduciaire ou côté client ; les mandataires perdent l'accès",
      en: 'End the mandate, from either side; the delegates lose the access',
    },
    rules: ['R27'],
    action: 'mandate.end',
    body: noFieldsSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params }) => endMandate(pool, actor, { mandateId: params.mandateId, organizationId: params.orgId }),
  }),
  route({
    operationId: 'assignDelegate',
    method: 'post',
    path: `${single}/delegates`,
    summary: { fr: 'Désigner un membre de la fiduciaire comme gestionnaire mandataire', en: 'Assign a member of the fiduciary as a delegate' },
    rules: ['R25'],
    action: 'mandate.assign_delegate',
    body: delegateSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params, body }) =>
      assignDelegate(pool, actor, { mandateId: await ofFiduciary(pool, params.mandateId, params.orgId), membershipId: body.membershipId }),
  }),
  route({
    operationId: 'setDelegateRights',
    method: 'put',
    path: `${single}/delegates/{membershipId}/rights`,
    summary: {
      fr: 'Remplacer les droits du mandataire, service par service, sur les services souscrits par le client',
      en: "Replace the delegate's rights, one by one, on the services the client subscribes to",
    },
    rules: ['R25', 'R15'],
    action: 'mandate.set_delegate_rights',
    body: delegateRightsSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params, body }) =>
      setDelegateRights(pool, actor, {
        mandateId: await ofFiduciary(pool, params.mandateId, params.orgId),
        membershipId: params.membershipId,
        rights: body.rights,
      }),
  }),
  route({
    operationId: 'removeDelegate',
    method: 'delete',
    path: `${single}/delegates/{membershipId}`,
    summary: {
      fr: 'Retirer un gestionnaire mandataire du mandat, avec ses droits ; son prochain jeton ne porte plus le client',
      en: 'Take a delegate off the mandate, with their rights; their next token no longer carries the client',
    },
    rules: ['R25'],
    action: 'mandate.remove_delegate',
    response: { status: 204 },
    handle: async ({ pool, actor, params }) =>
      removeDelegate(pool, actor, { mandateId: await ofFiduciary(pool, params.mandateId, params.orgId), membershipId: params.membershipId }),
  }),
  route({
    operationId: 'attachToMandates',
    method: 'post',
    path: '/organizations/{orgId}/members/{membershipId}/mandates',
    summary: {
      fr: 'Rattacher un collaborateur de la fiduciaire à tous ses mandats ou à certains',
      en: 'Attach an employee of the fiduciary to all of its mandates or to chosen ones',
    },
    rules: ['R26'],
    action: 'mandate.attach_member',
    body: attachSchema,
    response: {
      status: 200,
      schema: { type: 'object', additionalProperties: false, required: ['attached'], properties: { attached: { type: 'array', items: uuid } } },
    },
    handle: ({ pool, actor, params, body }) =>
      attachToMandates(pool, actor, { fiduciaryId: params.orgId, membershipId: params.membershipId, mandates: body.mandates as 'all' | string[] }),
  }),
];
