import type pg from 'pg';
import type { Principal } from '../auth/principal.js';
import { enforce } from '../commands/refusals.js';
import { isUuid } from '../db/query.js';
import { AppError } from '../errors.js';
import { authorizeIn, route, type ApiCall, type ApiRoute, type PathParams } from '../routes.js';
import { normalizeEmail } from '../members/rules.js';
import { noFieldsSchema } from '../members/schemas.js';
import { checkRightsControlled, controlledServices } from '../policy/rights.js';
import { businessDay } from '../domain/business-day.js';
import { subscribedServices } from '../services/store.js';
import { acceptInvitation, previewInvitation } from './accept.js';
import { inviteMember, pointed, resendInvitation, revokeInvitation } from './commands.js';
import type { MemberRight } from '../domain/rights.js';
import type { Standing } from '../policy/table.js';
import { takeCommittedNotices } from '../notices/outbox.js';
import { sendCommittedNotices } from '../notices/worker.js';
import { checkMemberInvitation, nominativeWarning, type Warning } from './rules.js';
import {
  invitationAcceptedSchema,
  invitationAcceptSchema,
  invitationCreatedSchema,
  invitationCreateSchema,
  invitationListSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenSchema,
} from './schemas.js';
import { listPending, otherPendingOrganizations, readPending } from './store.js';

const all = '/organizations/{orgId}/invitations';
const one = `${all}/{invitationId}`;

const mailNotSent: Warning = {
  code: 'mail.not_sent',
  field: 'email',
  messages: {
    fr: "L'invitation est enregistrée, mais l'e-mail n'a pas encore pu partir : il sera renvoyé automatiquement.",
    en: 'The invitation is recorded, but the e-mail could not leave yet: it will be retried automatically.',
  },
};

/** Sends the link the command just committed (outbox); one that fails is retried by the notice worker, and answered as a warning. */
async function mailLink(call: ApiCall<unknown, unknown>): Promise<Warning[]> {
  const { pool, services } = call;
  const failed = await sendCommittedNotices(pool, services.mailer, takeCommittedNotices(), services.logger);
  return failed > 0 ? [mailNotSent] : [];
}

async function pending(call: ApiCall<unknown, unknown, PathParams<'/organizations/{orgId}'>>, invitationId: string) {
  return (await readPending(call.pool, call.params.orgId, invitationId, new Date()))!;
}

/** Invitations in the API (R5, R16, R17, R20); the policy table says who may call each. */
export const invitationRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'inviteMember',
    method: 'post',
    path: all,
    summary: {
      fr: 'Inviter une personne : compte en attente, droits choisis, lien par e-mail',
      en: 'Invite a person: pending account, rights chosen, link by e-mail',
    },
    rules: ['R16', 'R5'],
    action: 'invitation.create',
    body: invitationCreateSchema,
    response: { status: 201, schema: invitationCreatedSchema },
    handle: async (call) => {
      const { pool, params, access, body } = call;
      enforce(checkMemberInvitation(access?.standing ?? null, body));
      const rights = await controlledRights(pool, params.orgId, access?.standing ?? null, body.rights);
      // Issue 16 item 9, R13: the caller's standing is checked in each further organization, as in the first.
      const organizations = [];
      for (const [index, target] of (body.organizations ?? []).entries()) {
        const there = await pointed(
          `/organizations/${index}/organizationId`,
          () => authorizeIn('invitation.create', pool, call.actor.personId!, target.organizationId, { write: true }),
          true,
        );
        await pointed(`/organizations/${index}`, async () => enforce(checkMemberInvitation(there.standing, target)));
        organizations.push({
          ...target,
          rights: await pointed(`/organizations/${index}`, () => controlledRights(pool, target.organizationId, there.standing, target.rights)),
        });
      }
      const mandates = (body.mandates ?? []).map((mandate) => ({ mandateId: mandate.mandateId, rights: mandate.rights ?? [] }));
      const link = await inviteMember(pool, call.actor, {
        ...body,
        organizationId: params.orgId,
        rights,
        organizations,
        mandates,
        publicUrl: call.services.publicUrl,
      });
      const email = normalizeEmail(body.email);
      const warnings = [typeof email === 'string' ? nominativeWarning(email) : undefined].filter((w): w is Warning => w !== undefined);
      return { invitation: await pending(call, link.invitationId), warnings: [...warnings, ...(await mailLink(call))] };
    },
  }),
  route({
    operationId: 'listInvitations',
    method: 'get',
    path: all,
    summary: { fr: 'Les invitations en attente, celles dont le lien a expiré signalées', en: 'Pending invitations, those whose link expired marked' },
    rules: ['R17'],
    action: 'invitation.list',
    response: { status: 200, schema: invitationListSchema },
    handle: async ({ pool, params }) => ({ items: await listPending(pool, params.orgId, new Date()) }),
  }),
  route({
    operationId: 'resendInvitation',
    method: 'post',
    path: `${one}/resend`,
    summary: { fr: "Renvoyer l'invitation : un nouveau lien, l'ancien ne marche plus", en: 'Re-send the invitation: a new link, the old one stops working' },
    rules: ['R17'],
    action: 'invitation.resend',
    body: noFieldsSchema,
    response: { status: 200, schema: invitationSchema },
    handle: async (call) => {
      const link = await resendInvitation(call.pool, call.actor, {
        organizationId: call.params.orgId,
        invitationId: call.params.invitationId,
        publicUrl: call.services.publicUrl,
      });
      return pending(call, link.invitationId);
    },
  }),
  route({
    operationId: 'revokeInvitation',
    method: 'delete',
    path: one,
    summary: {
      fr: "Retirer l'invitation : le lien ne marche plus, le compte en attente est supprimé",
      en: 'Revoke the invitation: the link stops working, the pending account is deleted',
    },
    rules: ['R17'],
    action: 'invitation.revoke',
    response: { status: 204 },
    handle: async (call) => {
      // R13, decision 0050: of an invitation of several organizations, the parts of those the caller may revoke in too.
      const { pool, params } = call;
      const others = isUuid(params.invitationId) ? await otherPendingOrganizations(pool, params.invitationId) : [];
      const alsoIn = [];
      for (const organizationId of others) {
        if (organizationId === params.orgId) continue;
        const allowed = await authorizeIn('invitation.revoke', pool, call.actor.personId!, organizationId, { write: true }).then(
          () => true,
          (error: unknown) => {
            if (error instanceof AppError) return false;
            throw error;
          },
        );
        if (allowed) alsoIn.push(organizationId);
      }
      await revokeInvitation(pool, call.actor, { organizationId: params.orgId, invitationId: params.invitationId, alsoIn });
    },
  }),
  route({
    operationId: 'previewInvitation',
    method: 'post',
    path: '/invitations/preview',
    summary: {
      fr: "Ce que le lien d'invitation ouvre et ce que l'activation demandera (public : le jeton suffit)",
      en: 'What the invitation link opens and what activation will ask (public: the token is enough)',
    },
    action: 'invitation.preview',
    body: invitationTokenSchema,
    response: { status: 200, schema: invitationPreviewSchema },
    handle: async ({ pool, services, body, principal }) => previewInvitation(pool, services.keycloak, body.token, await accountOf(pool, principal)),
  }),
  route({
    operationId: 'acceptInvitation',
    method: 'post',
    path: '/invitations/accept',
    summary: {
      fr: "Accepter : mot de passe d'un nouveau compte, ou accord pour rejoindre le compte existant",
      en: 'Accept: the password of a new account, or consent to join the existing one',
    },
    rules: ['R16', 'R20'],
    action: 'invitation.accept',
    body: invitationAcceptSchema,
    response: { status: 200, schema: invitationAcceptedSchema },
    handle: async ({ pool, services, body, principal }) => {
      const accepted = await acceptInvitation(pool, services.keycloak, { ...body, signedInAccount: await accountOf(pool, principal) });
      const { organizationId, membershipId, email, merged, organizations, mandates, skipped } = accepted;
      return { organizationId, membershipId, email, merged, organizations, mandates, skipped };
    },
  }),
];

/** R13, R15: the rights of an invitation to `organizationId`, each on the whole organization or a unit, checked as the caller controls them there. */
async function controlledRights(
  pool: pg.Pool,
  organizationId: string,
  standing: Standing | null,
  requested: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string; readonly unitId?: string | null }> = [],
): Promise<MemberRight[]> {
  const rights = requested.map((right) => ({ serviceId: right.serviceId, rightId: right.rightId, unitId: right.unitId ?? null }));
  const subscribed = await subscribedServices(pool, organizationId, businessDay());
  const refusal = checkRightsControlled([], rights, controlledServices(standing, subscribed), subscribed);
  if (refusal) throw refusal;
  return rights;
}

/** The Keycloak account of the signed-in caller (console session or bearer token), if any (R20, issue 14 item 8). */
async function accountOf(pool: pg.Pool, principal: Principal | undefined): Promise<string | undefined> {
  if (!principal) return undefined;
  const { rows } = await pool.query<{ id: string | null }>('SELECT keycloak_user_id AS id FROM person WHERE id = $1', [principal.personId]);
  return rows[0]?.id ?? undefined;
}
