import type { Command } from '../commands/command.js';
import { route, type ApiCall, type ApiRoute, type PathParams } from '../routes.js';
import { uuid } from '../http/schemas.js';
import { checkRightsControlled, controlledServices } from '../policy/rights.js';
import { businessDay } from '../domain/business-day.js';
import { subscribedServices } from '../services/store.js';
import { changeRole, deactivateMember, reactivateMember, removeMember, setExpiry } from './commands.js';
import { listMembers, readMember } from './queries.js';
import { setRights } from './rights.js';
import {
  handOverSchema,
  managersSchema,
  memberBatchSchema,
  memberChangesSchema,
  memberExpirySchema,
  memberListQuerySchema,
  memberPageSchema,
  memberRightsSchema,
  memberSchema,
  noFieldsSchema,
} from './schemas.js';
import { managersShown, membershipIdOf, rightsOf } from './store.js';
import { handOver } from './hand-over.js';
import { applyToMembers } from './batch.js';
import { editMemberDetails, managerLabel, readMemberDetails } from './details.js';
import { memberDetailsSchema, memberDetailsUpdateSchema, memberDetailsUpdatedSchema } from './details-schemas.js';
import { nominativeWarning } from '../invitations/rules.js';

const one = '/organizations/{orgId}/members/{membershipId}';
const member = { status: 200, schema: memberSchema } as const;
type OneMember = PathParams<typeof one>;
const reread = ({ pool, params }: ApiCall<unknown, unknown, OneMember>) => readMember(pool, params.orgId, params.membershipId);

/** A membership command run as the caller, then the member as it is now. */
function thenReread<B, I>(command: Command<I, unknown>, input: (call: ApiCall<B, undefined, OneMember>) => I) {
  return async (call: ApiCall<B, undefined, OneMember>) => {
    await command(call.pool, call.actor, input(call));
    return reread(call);
  };
}
const target = (call: ApiCall<unknown, unknown, OneMember>) => ({ membershipId: call.params.membershipId });

/** Members in the API (R13–R15, R18, R19); the policy table says who may call each. */
export const memberRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listMembers',
    method: 'get',
    path: '/organizations/{orgId}/members',
    summary: { fr: 'Les membres : recherche, filtres, tri et pagination', en: 'Members: search, filters, sort and pagination' },
    action: 'member.list',
    query: memberListQuerySchema,
    response: { status: 200, schema: memberPageSchema },
    handle: ({ pool, params, query }) => listMembers(pool, params.orgId, query),
  }),
  route({
    operationId: 'getMember',
    method: 'get',
    path: one,
    summary: { fr: 'Un membre et ses droits', en: 'A member and their rights' },
    action: 'member.read',
    response: member,
    handle: reread,
  }),
  route({
    operationId: 'changeMemberRole',
    method: 'patch',
    path: one,
    summary: { fr: 'Changer le rôle (jamais celui du dernier gestionnaire)', en: "Change the role (never the last manager's)" },
    rules: ['R14'],
    action: 'member.change_role',
    body: memberChangesSchema,
    response: member,
    handle: thenReread(changeRole, (call) => ({ ...target(call), role: call.body.role })),
  }),
  route({
    operationId: 'getMemberDetails',
    method: 'get',
    path: `${one}/details`,
    summary: {
      fr: "Les informations d'un membre (jamais la réponse secrète), et si elles sont les siennes",
      en: "A member's details (never the secret answer), and whether they are their own",
    },
    action: 'member.details.read',
    response: { status: 200, schema: memberDetailsSchema },
    handle: ({ pool, params, principal, services }) =>
      readMemberDetails(pool, services.keycloak, {
        organizationId: params.orgId,
        membershipId: params.membershipId,
        callerPersonId: principal?.personId ?? null,
      }),
  }),
  route({
    operationId: 'editMemberDetails',
    method: 'patch',
    path: `${one}/details`,
    summary: {
      fr: "Modifier les informations d'un membre (ge-edemarches) : refusé quand il agit aussi pour une autre organisation ; un nouvel e-mail passe par son lien",
      en: "Edit a member's details (ge-edemarches): refused when they also act for another organization; a new e-mail goes through its link",
    },
    rules: ['R4'],
    action: 'member.details.update',
    body: memberDetailsUpdateSchema,
    response: { status: 200, schema: memberDetailsUpdatedSchema },
    handle: async ({ pool, params, principal, actor, body, services }) => {
      const target = { organizationId: params.orgId, membershipId: params.membershipId };
      const requestedBy = await managerLabel(pool, principal?.personId ?? null, params.orgId, actor.label);
      const edited = await editMemberDetails(pool, actor, { ...target, change: body, keycloak: services.keycloak, publicUrl: services.publicUrl, requestedBy });
      const warning = edited.pendingEmail ? nominativeWarning(edited.pendingEmail) : undefined;
      return {
        details: await readMemberDetails(pool, services.keycloak, { ...target, callerPersonId: principal?.personId ?? null }),
        warnings: warning ? [warning] : [],
      };
    },
  }),
  route({
    operationId: 'setMemberRights',
    method: 'put',
    path: `${one}/rights`,
    summary: { fr: 'Remplacer les droits par service et par unité', en: 'Replace the rights per service and unit' },
    rules: ['R13', 'R15'],
    action: 'member.set_rights',
    body: memberRightsSchema,
    response: member,
    handle: async (call) => {
      const { pool, params, access } = call;
      const requested = call.body.rights.map((right) => ({ serviceId: right.serviceId, rightId: right.rightId, unitId: right.unitId ?? null }));
      const subscribed = await subscribedServices(pool, params.orgId, businessDay());
      const refusal = checkRightsControlled(
        await rightsOf(pool, params.membershipId),
        requested,
        controlledServices(access?.standing ?? null, subscribed),
        subscribed,
      );
      if (refusal) throw refusal;
      await setRights(pool, call.actor, { membershipId: params.membershipId, rights: requested });
      return reread(call);
    },
  }),
  route({
    operationId: 'deactivateMember',
    method: 'post',
    path: `${one}/deactivate`,
    summary: { fr: 'Désactiver temporairement', en: 'Deactivate temporarily' },
    rules: ['R18', 'R14'],
    action: 'member.deactivate',
    body: noFieldsSchema,
    response: member,
    handle: thenReread(deactivateMember, target),
  }),
  route({
    operationId: 'reactivateMember',
    method: 'post',
    path: `${one}/reactivate`,
    summary: { fr: 'Réactiver', en: 'Reactivate' },
    rules: ['R18'],
    action: 'member.reactivate',
    body: noFieldsSchema,
    response: member,
    handle: thenReread(reactivateMember, target),
  }),
  route({
    operationId: 'removeMember',
    method: 'delete',
    path: one,
    summary: { fr: "Supprimer (départ ; l'audit reste)", en: 'Delete (departure; the audit trail stays)' },
    rules: ['R18', 'R14'],
    action: 'member.remove',
    response: { status: 204 },
    handle: (call) => removeMember(call.pool, call.actor, target(call)),
  }),
  route({
    operationId: 'changeMembers',
    method: 'post',
    path: '/organizations/{orgId}/members/batch',
    summary: {
      fr: 'Plusieurs membres à la fois : désactiver, supprimer ou nommer gestionnaire ; tout ou rien (un refus ne change personne)',
      en: 'Several members at once: deactivate, delete or make manager; all or nothing (one refusal changes nobody)',
    },
    action: 'member.batch',
    body: memberBatchSchema,
    response: {
      status: 200,
      schema: { type: 'object', additionalProperties: false, required: ['membershipIds'], properties: { membershipIds: { type: 'array', items: uuid } } },
    },
    handle: ({ pool, actor, params, body }) =>
      applyToMembers(pool, actor, { organizationId: params.orgId, action: body.action, membershipIds: body.membershipIds }),
  }),
  route({
    operationId: 'setMemberExpiry',
    method: 'put',
    path: `${one}/expiry`,
    summary: { fr: "Fixer, renouveler ou retirer l'échéance", en: 'Set, renew or clear the expiry date' },
    rules: ['R19', 'R14'],
    action: 'member.set_expiry',
    body: memberExpirySchema,
    response: member,
    handle: thenReread(setExpiry, (call) => ({ ...target(call), expiresOn: call.body.expiresOn })),
  }),
  route({
    operationId: 'listManagers',
    method: 'get',
    path: '/organizations/{orgId}/managers',
    summary: {
      fr: "Qui gère l'organisation : nom, rôle et e-mail de chaque gestionnaire, pour toute personne de l'organisation",
      en: "Who manages the organization: each manager's name, role and e-mail, for every person of the organization",
    },
    rules: ['R33'],
    action: 'manager.list',
    response: { status: 200, schema: managersSchema },
    handle: async ({ pool, params }) => ({ items: await managersShown(pool, params.orgId, businessDay()) }),
  }),
  route({
    operationId: 'handOver',
    method: 'post',
    path: '/organizations/{orgId}/hand-over',
    summary: {
      fr: 'Passation : je transmets mon rôle de gestion à un membre actif, qui pourra ensuite me retirer',
      en: 'Hand-over: I give my managing role to an active member, who can then remove me',
    },
    rules: ['R14'],
    action: 'member.hand_over',
    body: handOverSchema,
    response: member,
    handle: async (call) => {
      const { pool, params, principal, body } = call;
      // The policy let a manager of the organization through: the caller has a membership there.
      const formerId = (await membershipIdOf(pool, principal!.personId, params.orgId))!;
      await handOver(pool, call.actor, { organizationId: params.orgId, formerId, successorId: body.successorId });
      return readMember(pool, params.orgId, body.successorId);
    },
  }),
];
