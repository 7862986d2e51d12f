import { route, type ApiRoute } from '../routes.js';
import { itemsOf, text, uuid } from '../http/schemas.js';
import { nominativeWarning } from '../invitations/rules.js';
import { warningsSchema } from '../invitations/schemas.js';
import { noFieldsSchema } from '../members/schemas.js';
import { rejectionSchema } from '../mandates/schemas.js';
import { deadlineDays, withDeadlines } from '../operator/deadlines.js';
import { organizationTypes } from '../domain/organization-types.js';
import { typePolicy } from '../organizations/type-policy.js';
import { businessDay } from '../domain/business-day.js';
import { approveSignUp, fileSignUp, rejectSignUp } from './commands.js';
import { pendingSignUps } from './store.js';

/** A person named on a public form (R10's representative, R30's requester): names, function, e-mail. */
export const representative = {
  type: 'object',
  additionalProperties: false,
  required: ['givenName', 'familyName', 'function', 'email'],
  properties: { givenName: text(100), familyName: text(100), function: text(100), email: { type: 'string', format: 'email', maxLength: 254 } },
} as const;

const signUpSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'legalName', 'representative'],
  properties: {
    identifier: { ...text(40), description: 'UID, SIRET, SIREN or affiliate number, as in the official registry' },
    legalName: text(200),
    type: { enum: organizationTypes, default: 'employer', description: 'employer unless said otherwise' },
    representative,
  },
} as const;

const pendingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'identifier', 'legalName', 'registryName', 'type', 'representative', 'requestedOn', 'requestedAt', 'deadline', 'overdue'],
  properties: {
    id: uuid,
    identifier: { type: 'string' },
    legalName: { type: 'string' },
    registryName: { type: 'string' },
    type: { type: 'string' },
    representative,
    requestedOn: { type: 'string', format: 'date' },
    requestedAt: { type: 'string', format: 'date-time' },
    deadline: { type: 'string', format: 'date' },
    overdue: { type: 'boolean' },
  },
} as const;

/** Self sign-up (R10, R11), public, and its queue in the operator's back office (R31). */
export const signUpRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'signUp',
    method: 'post',
    path: '/sign-ups',
    summary: {
      fr: "Inscrire son organisation (public) : le numéro est vérifié dans le registre ; l'opérateur valide",
      en: 'Sign up an organization (public): the number is checked in the registry; the operator validates',
    },
    rules: ['R10', 'R11'],
    action: 'sign_up.create',
    body: signUpSchema,
    response: {
      status: 201,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'deadline', 'warnings'],
        properties: { id: uuid, status: { enum: ['pending', 'approved'] }, deadline: { type: ['string', 'null'], format: 'date' }, warnings: warningsSchema },
      },
    },
    handle: async ({ pool, body, services }) => {
      const actor = { personId: null, label: `sign-up ${body.representative.email}` };
      const { id, status, deadline } = await fileSignUp(pool, actor, {
        ...body,
        type: body.type ?? 'employer',
        atOnce: typePolicy().signUpAtOnce,
        publicUrl: services.publicUrl,
      });
      // R5: a role address is accepted; the representative is told why a personal one is better.
      const warning = nominativeWarning(body.representative.email);
      return { id, status, deadline, warnings: warning ? [{ ...warning, field: '/representative/email' }] : [] };
    },
  }),
  route({
    operationId: 'listPendingSignUps',
    method: 'get',
    path: '/operator/sign-ups',
    summary: {
      fr: 'Les inscriptions à valider, avec leur échéance, les dépassées en tête',
      en: 'Sign-ups awaiting validation, with their deadlines, overdue first',
    },
    rules: ['R10', 'R31'],
    action: 'operator.sign_up.list',
    response: { status: 200, schema: itemsOf(pendingSchema) },
    handle: async ({ pool }) => ({ items: withDeadlines(await pendingSignUps(pool), businessDay(), deadlineDays()) }),
  }),
  route({
    operationId: 'validateSignUp',
    method: 'post',
    path: '/operator/sign-ups/{signUpId}/validate',
    summary: {
      fr: "Valider l'inscription : l'organisation est créée, son représentant invité comme requérant",
      en: 'Validate the sign-up: the organization is created, its representative invited as legal representative',
    },
    rules: ['R10'],
    action: 'operator.sign_up.decide',
    body: noFieldsSchema,
    response: {
      status: 200,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['organizationId', 'invitationId'],
        properties: { organizationId: uuid, invitationId: uuid },
      },
    },
    handle: async ({ pool, actor, params, services }) => {
      const { organizationId, invitation } = await approveSignUp(pool, actor, { signUpId: params.signUpId, publicUrl: services.publicUrl });
      return { organizationId, invitationId: invitation.invitationId };
    },
  }),
  route({
    operationId: 'rejectSignUp',
    method: 'post',
    path: '/operator/sign-ups/{signUpId}/reject',
    summary: { fr: "Refuser l'inscription en disant pourquoi ; le représentant est averti", en: 'Reject the sign-up, saying why; the representative is told' },
    rules: ['R10'],
    action: 'operator.sign_up.decide',
    body: rejectionSchema,
    response: { status: 204 },
    handle: async ({ pool, actor, params, body }) => {
      await rejectSignUp(pool, actor, { signUpId: params.signUpId, reason: body.reason });
    },
  }),
];
