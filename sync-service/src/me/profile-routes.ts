import { route, type ApiRoute, type ApiServices } from '../routes.js';
import { nominativeWarning } from '../invitations/rules.js';
import { tokenSha256 } from '../domain/secrets.js';
import { cancelEmailChange, confirmEmailChange, requestEmailChange, updateProfile } from './commands.js';
import { requireRecentSignIn } from '../auth/principal.js';
import { emailTaken } from './rules.js';
import {
  emailChangeConfirmedSchema,
  emailChangeConfirmSchema,
  emailChangeRequestedSchema,
  emailChangeRequestSchema,
  profileSchema,
  profileUpdateSchema,
} from './schemas.js';
import { findEmailChange, pendingEmail, readPerson } from './store.js';
import { secretQuestionOf } from '../members/details-store.js';
import type pg from 'pg';
import { loginActionUrl } from '../auth/login-actions.js';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';

async function profileOf(pool: pg.Pool, personId: string, publicUrl: string) {
  const { id, email, civility, givenName, familyName, birthDate, phone } = await readPerson(pool, personId, { lock: false });
  const pending = await pendingEmail(pool, personId, new Date());
  return {
    id,
    email,
    civility,
    givenName,
    familyName,
    birthDate,
    phone,
    pendingEmail: pending ?? null,
    secretQuestion: await secretQuestionOf(pool, personId),
    // R4: Keycloak's UPDATE_PASSWORD; R2: the provider's procura-mobile-number — each through the console's login (kc_action).
    passwordChangeUrl: loginActionUrl(publicUrl, 'update_password'),
    mobileNumberUrl: loginActionUrl(publicUrl, 'mobile_number'),
  };
}

/** R1: an account of Keycloak's (made outside the model) that holds the address refuses it too. */
async function checkKeycloakHolder(pool: pg.Pool, keycloak: KeycloakAdmin, token: string): Promise<void> {
  const change = await findEmailChange(pool, tokenSha256(token), { lock: false });
  if (!change) return; // the command answers why
  const holder = await keycloak.findUserByEmail(change.newEmail);
  if (!holder) return;
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM person WHERE keycloak_user_id = $1', [holder.id]);
  if (rows[0]?.id !== change.personId) throw emailTaken();
}

/** My profile (R4, R5): the person edits their own, changes their password and login e-mail. */
export const profileRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'getMyProfile',
    method: 'get',
    path: '/me/profile',
    summary: {
      fr: 'Mon profil : civilité, noms, date de naissance, téléphone, e-mail en attente, lien du mot de passe',
      en: 'My profile: civility, names, birth date, phone, pending e-mail, password link',
    },
    rules: ['R4'],
    action: 'me.profile.read',
    response: { status: 200, schema: profileSchema },
    handle: ({ pool, principal, services }) => profileOf(pool, principal!.personId, services.publicUrl),
  }),
  route({
    operationId: 'updateMyProfile',
    method: 'patch',
    path: '/me/profile',
    summary: { fr: 'Modifier mon profil ; les noms passent dans Keycloak', en: 'Edit my profile; names reach Keycloak' },
    rules: ['R4'],
    action: 'me.profile.update',
    body: profileUpdateSchema,
    response: { status: 200, schema: profileSchema },
    handle: async ({ pool, principal, actor, body, services }) => {
      await updateProfile(pool, actor, { ...body, personId: principal!.personId });
      return profileOf(pool, principal!.personId, services.publicUrl);
    },
  }),
  route({
    operationId: 'requestEmailChange',
    method: 'post',
    path: '/me/email-change',
    summary: {
      fr: "Changer d'e-mail de connexion : un lien à la nouvelle adresse, effectif une fois ouvert",
      en: 'Change the login e-mail: a link to the new address, effective once opened',
    },
    rules: ['R1', 'R4', 'R5'],
    action: 'me.email_change.request',
    body: emailChangeRequestSchema,
    response: { status: 201, schema: emailChangeRequestedSchema },
    handle: async ({ pool, principal, actor, body, services }) => {
      requireRecentSignIn(principal, services.recentSignInSeconds);
      const requested = await requestEmailChange(pool, actor, { personId: principal!.personId, email: body.email, publicUrl: services.publicUrl });
      const warning = nominativeWarning(requested.email);
      return { pendingEmail: requested.email, expiresAt: requested.expiresAt, warnings: warning ? [warning] : [] };
    },
  }),
  route({
    operationId: 'confirmEmailChange',
    method: 'post',
    path: '/email-change/confirm',
    summary: {
      fr: "Confirmer la nouvelle adresse (public : le jeton du lien suffit) ; l'ancienne est prévenue",
      en: "Confirm the new address (public: the link's token is enough); the old one is told",
    },
    rules: ['R4', 'R28'],
    action: 'email_change.confirm',
    body: emailChangeConfirmSchema,
    response: { status: 200, schema: emailChangeConfirmedSchema },
    handle: async ({ pool, services, body }) => {
      await checkKeycloakHolder(pool, services.keycloak, body.token);
      const confirmed = await confirmEmailChange(pool, { personId: null, label: 'confirmation link of the new address' }, { token: body.token });
      await endKeycloakSessions(pool, services, confirmed.personId);
      return { email: confirmed.email };
    },
  }),
  route({
    operationId: 'cancelEmailChange',
    method: 'post',
    path: '/email-change/cancel',
    summary: {
      fr: "Annuler un changement d'e-mail depuis l'ancienne adresse (public : le jeton du lien suffit)",
      en: "Cancel a change of e-mail from the old address (public: the link's token is enough)",
    },
    action: 'email_change.cancel',
    body: emailChangeConfirmSchema,
    response: { status: 200, schema: emailChangeConfirmedSchema },
    handle: async ({ pool, body }) => {
      const cancelled = await cancelEmailChange(pool, { personId: null, label: 'cancel link of the old address' }, { token: body.token });
      return { email: cancelled.email };
    },
  }),
];

/**
 * Issue 14 item 7: the confirmed change ends the person's Keycloak sessions too (their console
 * sessions ended in the command's transaction). The change stands if Keycloak fails: logged.
 */
async function endKeycloakSessions(pool: pg.Pool, services: ApiServices, personId: string): Promise<void> {
  const { rows } = await pool.query<{ keycloak_user_id: string | null }>('SELECT keycloak_user_id FROM person WHERE id = $1', [personId]);
  const userId = rows[0]?.keycloak_user_id;
  if (!userId) return;
  try {
    await services.keycloak.logoutUser(userId);
  } catch (error) {
    services.logger.error({ err: error, personId }, 'the Keycloak sessions of a person whose login e-mail changed could not be ended');
  }
}
