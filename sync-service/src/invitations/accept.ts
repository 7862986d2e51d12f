/**
 * Accepting an invitation (R16, R20): the public side of the link. The token alone identifies the
 * invitation; a link that no longer works answers why (R17) and changes nothing.
 */
import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { runCommand, type CommandContext } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { mobileNumberAction } from '../auth/login-actions.js';
import { ensureAccount, findAccount, type InvitedPerson } from './account.js';
import { activationNotice, confirmationNotice } from './notices.js';
import {
  asksNames,
  checkAcceptance,
  checkLink,
  checkNamesGiven,
  checkSecretsGiven,
  keysGiven,
  maxFailedAttempts,
  wrongSecret,
  type Accepted,
  type GivenNames,
  type KeyAsked,
} from './rules.js';
import { secretMatches, tokenSha256 } from '../domain/secrets.js';
import { attachChosenMandates } from '../mandates/attach.js';
import { withdrawPart } from './commands.js';
import {
  bundleParts,
  chosenMandates,
  claimAttempt,
  findByToken,
  invitationMandates,
  mandateClientNames,
  markDecided,
  refundAttempt,
  setPersonNames,
  type BundlePart,
  type TokenTarget,
} from './store.js';

export interface Accept {
  readonly token: string;
  readonly password?: string;
  /** R20: the person agrees to add this organization to the account they have. */
  readonly consent?: boolean;
  /** R16 (Geneva): the key of the first organization of the link that asks one. */
  readonly mailSecurityKey?: string;
  /** R16 (Geneva): the key of each organization of the link that asks one, by organization id (decision 0050). */
  readonly mailSecurityKeys?: Readonly<Record<string, string>>;
  readonly secretAnswer?: string;
  /** Issue 16 item 3: the person's names, when the invitation had none (preview's `asks.names`). */
  readonly givenName?: string;
  readonly familyName?: string;
  /** R2: at the first login, ask for a mobile number that may receive the login codes (optional). */
  readonly addMobileNumber?: boolean;
  /** Issue 14 item 8: the Keycloak account the request is signed in with (console session or token), if any. */
  readonly signedInAccount?: string | undefined;
  readonly now?: Date;
}

/** What the activation page shows and asks for, before anything is sent. */
export interface InvitationPreview {
  readonly email: string;
  readonly organizationName: string;
  readonly role: string;
  readonly invitedBy: string;
  readonly expiresAt: string;
  readonly secretQuestion: string | null;
  readonly asks: {
    readonly password: boolean;
    readonly consent: boolean;
    readonly signIn: boolean;
    readonly mailSecurityKey: boolean;
    readonly secretAnswer: boolean;
    readonly names: boolean;
  };
  /** Issue 16 item 9: every organization the link still takes the person in, with the role there. */
  readonly organizations: ReadonlyArray<{ readonly name: string; readonly role: string }>;
  /** Issue 16 item 7: the clients the person will act for, with the rights chosen on each. */
  readonly mandates: ReadonlyArray<{ readonly clientName: string; readonly rights: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string }> }>;
}

/** Decision 0050: an organization of the link still takes the person in: its part pending, the organization active. */
function takesIn(part: BundlePart): part is BundlePart & { readonly membershipId: string } {
  return part.status === 'pending' && part.organizationStatus === 'active' && part.membershipId !== null;
}

/** The link's invitation as the person will see it; a link that does not work answers why. */
export async function previewInvitation(
  pool: pg.Pool,
  keycloak: KeycloakAdmin,
  token: string,
  signedInAccount?: string,
  now = new Date(),
): Promise<InvitationPreview> {
  const target = await findByToken(pool, tokenSha256(token), { lock: false });
  enforce(checkLink(target, now));
  const live = target!;
  const account = await findAccount(keycloak, invitedPerson(live));
  const parts = (await bundleParts(pool, live.id)).filter(takesIn);
  return {
    organizations: parts.map((part) => ({
      organizationId: part.organizationId,
      name: part.organizationName,
      role: part.role ?? '',
      mailSecurityKey: part.mailSecurityKeyHash !== null,
    })),
    mandates: await chosenMandates(
      pool,
      parts.map((part) => part.invitationId),
    ),
    email: live.email,
    organizationName: live.organizationName,
    role: live.role ?? '',
    invitedBy: live.inviterName,
    expiresAt: live.expiresAt.toISOString(),
    secretQuestion: live.secretAnswerHash === null ? null : live.secretQuestion,
    asks: {
      password: !account?.hasAccount,
      consent: account?.hasAccount ?? false,
      // Issue 14 item 8: joining the account needs that account's own sign-in first.
      signIn: (account?.hasAccount ?? false) && signedInAccount !== account?.userId,
      mailSecurityKey: keysAsked(parts).length > 0,
      secretAnswer: live.secretAnswerHash !== null,
      names: asksNames(live, account?.hasAccount ?? false),
    },
  };
}

/**
 * R16: checks the link (R17) and the Geneva secrets, then sets the new account's password, or,
 * R20, with the person's consent, joins the account they have; the membership becomes active and
 * is projected; the inviting manager is told (outbox). The invitation row is locked throughout, so a link used twice at once works once.
 * Where the link asks secrets, each request first claims one of its `maxFailedAttempts` tries
 * (committed at once); a right answer gives it back with the acceptance, a wrong one keeps it: of
 * any number of parallel tries, at most `maxFailedAttempts` are compared (issue 14 item 11).
 */
export async function acceptInvitation(pool: pg.Pool, keycloak: KeycloakAdmin, input: Accept): Promise<Accepted> {
  const now = input.now ?? new Date();
  const sha256 = tokenSha256(input.token);
  const probe = await findByToken(pool, sha256, { lock: false });
  enforce(checkLink(probe, now));
  const actor = { personId: probe!.personId, label: probe!.email };
  const asksSecrets = probe!.secretAnswerHash !== null || keysAsked((await bundleParts(pool, probe!.id)).filter(takesIn)).length > 0;
  const claimed = asksSecrets ? await claimAttempt(pool, probe!.id, maxFailedAttempts) : 0;
  if (claimed === undefined) enforce(checkLink({ ...probe!, failedAttempts: maxFailedAttempts }, now));
  try {
    return await runCommand(pool, actor, async (context) => {
      const { tx, audit, project, notify } = context;
      const target = await findByToken(tx, sha256, { lock: true });
      enforce(checkLink(target && { ...target, failedAttempts: target.failedAttempts - (asksSecrets ? 1 : 0) }, now));
      const live = target!;
      const parts = await bundleParts(tx, live.id, { lock: true });
      await checkSecrets(live, keysAsked(parts.filter(takesIn)), input);
      if (asksSecrets) await refundAttempt(tx, live.id);
      const found = await findAccount(keycloak, invitedPerson(live));
      const hasAccount = found?.hasAccount ?? false;
      const names = enforce(checkNamesGiven(asksNames(live, hasAccount), input));
      const signedIn = input.signedInAccount === undefined ? 'none' : input.signedInAccount === found?.userId ? 'as-account' : 'other';
      const acceptance = enforce(checkAcceptance(input, hasAccount, signedIn));
      // Issue 16 item 3: the names go to the model first, then to the account (made with them, or renamed).
      const person = names ? await nameInvitedPerson({ tx, audit }, live, names) : invitedPerson(live);
      const account = await ensureAccount(tx, keycloak, person, found);
      // An account found, or made meanwhile by the projection (a 409), has no names yet: give them.
      if (names) await keycloak.updateUser(account.userId, { email: live.email, firstName: names.givenName, lastName: names.familyName });
      if (acceptance.kind === 'activate') await keycloak.setPassword(account.userId, acceptance.password, { temporary: false });
      // R2: giving a mobile number is optional at activation; Keycloak's action asks for it and verifies it.
      if (input.addMobileNumber) await keycloak.requireAction(account.userId, mobileNumberAction);
      // Issue 16 items 9 and 7 (decision 0050): every organization of the link at once, each with its chosen mandates;
      // one closed or suspended meanwhile is left out (its part voided), and the answer says so.
      const skippedOrganizations: string[] = [];
      for (const part of parts.filter((p) => p.status === 'pending' && !takesIn(p))) {
        await withdrawPart(context, part, 'voided');
        await audit({
          organizationId: part.organizationId,
          action: 'invitation.voided',
          subjectType: 'invitation',
          subjectId: part.invitationId,
          before: { email: part.email, role: part.role, status: 'pending' },
          after: { status: 'voided', reason: `organization.${part.organizationStatus}` },
        });
        skippedOrganizations.push(part.organizationName);
      }
      skippedOrganizations.push(...parts.filter((p) => p.status === 'voided').map((p) => p.organizationName));
      const joined: Array<Accepted['organizations'][number]> = [];
      const mandates: string[] = [];
      const skippedMandates: string[] = [];
      for (const part of parts.filter(takesIn)) {
        await tx.query(`UPDATE membership SET status = 'active', updated_at = now() WHERE id = $1 AND status = 'invited'`, [part.membershipId]);
        await markDecided(tx, part.invitationId, 'accepted');
        await audit({
          organizationId: part.organizationId,
          action: 'invitation.accepted',
          subjectType: 'membership',
          subjectId: part.membershipId,
          before: { status: 'invited' },
          after: { status: 'active', merged: acceptance.kind === 'merge' },
        });
        project(part.organizationId);
        const chosen = await attachChosenMandates(context, part.organizationId, part.membershipId, await invitationMandates(tx, part.invitationId));
        mandates.push(...chosen.attached);
        skippedMandates.push(...chosen.skipped);
        joined.push({ organizationId: part.organizationId, organizationName: part.organizationName, membershipId: part.membershipId });
      }
      const first = joined[0]!;
      // Issue 16 item 3: the secret question and answer become the person's, shown in their profile (never the answer).
      if (live.secretAnswerHash !== null)
        await tx.query('UPDATE person SET secret_question = $2, secret_answer_hash = $3 WHERE id = $1', [
          live.personId,
          live.secretQuestion,
          live.secretAnswerHash,
        ]);
      const accepted: Accepted = {
        organizationId: first.organizationId,
        organizationName: first.organizationName,
        membershipId: first.membershipId,
        email: live.email,
        personName: `${person.givenName} ${person.familyName}`.trim(),
        merged: acceptance.kind === 'merge',
        invitedByPersonId: live.invitedByPersonId,
        organizations: joined,
        mandates,
        skipped: { organizations: skippedOrganizations, mandates: await mandateClientNames(tx, skippedMandates) },
      };
      for (const organization of joined) await notify(await activationNotice(tx, { ...accepted, ...organization }));
      // Issue 16 item 3: the person's confirmation, with their login and what they hold, for each organization joined.
      for (const organization of joined) await notify(await confirmationNotice(tx, { ...accepted, ...organization }));
      return accepted;
    });
  } catch (error) {
    const wrong = error instanceof AppError && /^invitation\.(mail_security_key|secret_answer)_wrong$/.test(error.code);
    if (asksSecrets && !wrong) await refundAttempt(pool, probe!.id);
    throw error;
  }
}

/** R16 (Geneva): the organizations of the link that take the person in and ask their mail security key. */
function keysAsked(parts: readonly BundlePart[]): KeyAsked[] {
  return parts.flatMap((part) =>
    part.mailSecurityKeyHash === null
      ? []
      : [{ organizationId: part.organizationId, organizationName: part.organizationName, mailSecurityKeyHash: part.mailSecurityKeyHash }],
  );
}

/** R16 (Geneva): each asking organization's mail security key (decision 0050: every one of the link, not the first alone) and the manager's secret answer. */
async function checkSecrets(target: TokenTarget, asked: readonly KeyAsked[], input: Accept): Promise<void> {
  const keys = enforce(keysGiven(asked, input));
  enforce(checkSecretsGiven({ secretAnswer: target.secretAnswerHash !== null }, input));
  const attemptsLeft = maxFailedAttempts - target.failedAttempts; // this try is already claimed
  for (const { asked: organization, key, field } of keys) {
    if (!(await secretMatches(key, organization.mailSecurityKeyHash))) throw wrongSecret(field, attemptsLeft);
  }
  if (target.secretAnswerHash !== null && !(await secretMatches(input.secretAnswer!, target.secretAnswerHash))) throw wrongSecret('secretAnswer', attemptsLeft);
}

/** Issue 16 item 3: the names given at activation, stored on the person and audited as a change of their profile. */
async function nameInvitedPerson({ tx, audit }: Pick<CommandContext, 'tx' | 'audit'>, target: TokenTarget, names: GivenNames): Promise<InvitedPerson> {
  await setPersonNames(tx, target.personId!, names);
  await audit({
    organizationId: target.organizationId,
    action: 'person.profile_updated',
    subjectType: 'person',
    subjectId: target.personId!,
    before: { givenName: target.givenName, familyName: target.familyName },
    after: names,
  });
  return { ...invitedPerson(target), ...names };
}

function invitedPerson(target: TokenTarget): InvitedPerson {
  return { personId: target.personId!, email: target.email, givenName: target.givenName, familyName: target.familyName, keycloakUserId: target.keycloakUserId };
}
