import { route, type ApiRoute } from '../routes.js';
import { uuid } from '../http/schemas.js';
import { nominativeWarning } from '../invitations/rules.js';
import { warningsSchema } from '../invitations/schemas.js';
import { supportContact } from '../support/contact.js';
import { addAntenna, changeLoginEmail, lookUpPerson, registerBySupport, removeAccess } from './commands.js';
import { fileMandateForUnaffiliated } from './mandate.js';
import {
  antennaSchema,
  lookupSchema,
  personFileSchema,
  removeAccessSchema,
  supportEmailChangeSchema,
  supportOrganizationSchema,
  unaffiliatedMandateSchema,
} from './schemas.js';

const person = '/operator/support/people/{personId}';
const created = (required: readonly string[]) =>
  ({ type: 'object', additionalProperties: false, required, properties: Object.fromEntries(required.map((name) => [name, uuid])) }) as const;

/** Issue 16 item 6: the operator's support desk; every action says why and is audited with the operator as actor (R31, R32). */
export const supportDeskRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'lookUpPerson',
    method: 'post',
    path: '/operator/support/people/lookup',
    summary: {
      fr: "Trouver une personne par e-mail : son compte, ses organisations et rôles, ses mandats de délégué, ses invitations et changement d'e-mail en attente ; la recherche est journalisée avec son motif",
      en: 'Find a person by e-mail: their account, organizations and roles, mandates as delegate, pending invitations and e-mail change; the lookup is audited with its reason',
    },
    action: 'operator.support.look_up',
    body: lookupSchema,
    response: { status: 200, schema: personFileSchema },
    handle: ({ pool, actor, body }) => lookUpPerson(pool, actor, body),
  }),
  route({
    operationId: 'changeLoginEmailBySupport',
    method: 'post',
    path: `${person}/email-change`,
    summary: {
      fr: "Changer l'e-mail de connexion d'une personne qui a perdu l'ancienne boîte : un lien à la nouvelle adresse, l'ancienne avertie avec le motif",
      en: 'Change the login e-mail of a person who lost the old mailbox: a link to the new address, the old one told with the reason',
    },
    rules: ['R1', 'R4'],
    action: 'operator.support.change_email',
    body: supportEmailChangeSchema,
    response: {
      status: 201,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['pendingEmail', 'expiresAt', 'warnings'],
        properties: { pendingEmail: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, warnings: warningsSchema },
      },
    },
    handle: async ({ pool, actor, params, body, services }) => {
      const requested = await changeLoginEmail(pool, actor, { personId: params.personId, ...body, contact: supportContact(), publicUrl: services.publicUrl });
      const warning = nominativeWarning(requested.email);
      return { pendingEmail: requested.email, expiresAt: requested.expiresAt, warnings: warning ? [warning] : [] };
    },
  }),
  route({
    operationId: 'removeAccessBySupport',
    method: 'post',
    path: `${person}/remove-access`,
    summary: {
      fr: "Retirer les accès d'une personne partie (tous, ou ceux choisis), avec le motif ; jamais le dernier gestionnaire d'une organisation",
      en: "Remove a departed person's access (all, or those chosen), with the reason; never an organization's last manager",
    },
    rules: ['R14', 'R18'],
    action: 'operator.support.remove_access',
    body: removeAccessSchema,
    response: {
      status: 200,
      schema: { type: 'object', additionalProperties: false, required: ['removed'], properties: { removed: { type: 'array', items: uuid } } },
    },
    handle: ({ pool, actor, params, body }) => removeAccess(pool, actor, { personId: params.personId, ...body }),
  }),
  route({
    operationId: 'registerOrganizationBySupport',
    method: 'post',
    path: '/operator/support/organizations',
    summary: {
      fr: 'Inscrire une organisation reçue par e-mail : vérifiée dans le registre, créée validée, son représentant invité comme requérant',
      en: 'Register an organization sent in by e-mail: checked in the registry, created validated, its representative invited as legal representative',
    },
    rules: ['R10', 'R11'],
    action: 'operator.support.register_organization',
    body: supportOrganizationSchema,
    response: { status: 201, schema: created(['organizationId', 'signUpId', 'invitationId']) },
    handle: async ({ pool, actor, body, services }) => {
      const { organizationId, signUpId, invitationId } = await registerBySupport(pool, actor, {
        ...body,
        type: body.type ?? 'employer',
        publicUrl: services.publicUrl,
      });
      return { organizationId, signUpId, invitationId };
    },
  }),
  route({
    operationId: 'fileMandateForUnaffiliated',
    method: 'post',
    path: '/operator/support/fiduciary-mandates',
    summary: {
      fr: "Pour une fiduciaire pas encore sur la plateforme : l'inscrire (son représentant invité) et déposer puis valider son mandat sur le client, avec la procuration",
      en: 'For a fiduciary not yet on the platform: register it (its representative invited), file and validate its mandate on the client, with the power of attorney',
    },
    rules: ['R10', 'R24'],
    action: 'operator.support.file_mandate',
    body: unaffiliatedMandateSchema,
    bodyLimit: 'documents',
    response: {
      status: 201,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['fiduciaryId', 'mandateId', 'invitationId', 'clientInvitationId'],
        properties: { fiduciaryId: uuid, mandateId: uuid, invitationId: uuid, clientInvitationId: { type: ['string', 'null'], format: 'uuid' } },
      },
    },
    handle: ({ pool, actor, body, services }) => {
      const { clientRepresentative, ...rest } = body;
      return fileMandateForUnaffiliated(pool, actor, {
        ...rest,
        ...(clientRepresentative === undefined ? {} : { clientRepresentative }),
        publicUrl: services.publicUrl,
      });
    },
  }),
  route({
    operationId: 'addAntennaBySupport',
    method: 'post',
    path: '/operator/support/antennas',
    summary: { fr: "Créer une antenne d'un prescripteur, nommé par son identifiant", en: 'Create an antenna of a prescriber, named by its identifier' },
    rules: ['R6', 'R8'],
    action: 'operator.support.add_antenna',
    body: antennaSchema,
    response: { status: 201, schema: created(['id', 'organizationId']) },
    handle: ({ pool, actor, body }) => addAntenna(pool, actor, body),
  }),
];
