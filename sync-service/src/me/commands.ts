/**
 * Commands of a person on their own account (R1, R4): each checks its rules, writes, audits, asks
 * for the projection of the person's organizations (Keycloak shows names and login e-mail) and
 * writes its notices into the outbox, in one transaction (`runCommand`).
 */
import { emailChangedMail, emailChangeLinkMail, emailChangeRequestedMail, supportEmailChangeLinkMail, supportEmailChangeMail } from '../adapters/mail/index.js';
import { defineCommand, type AuditEntry, type CommandContext } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { endSessionsOf } from '../auth/sessions.js';
import type { Queryable } from '../db/query.js';
import { AppError } from '../errors.js';
import { newLinkToken, tokenSha256 } from '../domain/secrets.js';
import { ownDetailsReason } from '../members/details-rules.js';
import { ownershipFacts } from '../members/details-store.js';
import { normalizeEmail } from '../members/rules.js';
import { businessDay } from '../domain/business-day.js';
import { checkEmailChangeLink, checkLoginEmailChangeable, checkNewEmail, checkProfile, emailChangeExpiry, emailTaken, type Profile } from './rules.js';
import { cancelEmailChangeRow, confirmEmail, insertEmailChange, findEmailChange, organizationsOf, personWithEmail, readPerson, writeProfile } from './store.js';
import { refuse } from '../error-codes/refuse.js';

/** R4: the person edits their civility, names, birth date and phone for contact. */
export const updateProfile = defineCommand(async (context, input: Partial<Profile> & { readonly personId: string }): Promise<Profile> => {
  const { tx } = context;
  const { personId, ...change } = input;
  const { id: _id, email: _email, ...current } = await readPerson(tx, personId, { lock: true });
  const next = enforce(checkProfile(current, change, businessDay()));
  if (JSON.stringify(next) === JSON.stringify(current)) return next;
  await writeProfile(tx, personId, next);
  await auditInEach(context, personId, { action: 'person.profile_updated', subjectType: 'person', subjectId: personId, before: current, after: next });
  return next;
});

/** The console's page that confirms a new e-mail: the token in the fragment, which browsers never send to a server. */
export function emailChangeLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/email-change#token=${token}`;
}

/** Issue 14 item 7: the same page, from the old address, cancels the change. */
export function emailChangeCancelLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/email-change#cancel=${token}`;
}

/** Issue 16 item 6: the operator's support desk asks the change for the person, with a reason. */
export interface BySupport {
  readonly reason: string;
  /** Whom the old address contacts when the change is not theirs. */
  readonly contact: { readonly email: string; readonly phone: string };
}

/**
 * R1, R4: a link to the NEW address, single-use, stored as its hash, expiring; the login e-mail
 * stays the old one until the link is opened. A newer request voids the older link. Issue 14 item
 * 7: the CURRENT address is told at once, with a link that cancels the change. Issue 16 item 6
 * (`support`): the support asks it for a person who lost the old mailbox; both mails say so, the
 * old one with the reason, and the request is audited in each of the person's organizations.
 */
export const requestEmailChange = defineCommand(
  async (
    context,
    input: {
      readonly personId: string;
      readonly email: string;
      readonly publicUrl: string;
      readonly now?: Date;
      readonly support?: BySupport;
      /** Issue 16 item 3: the manager who asks it for the person, as the link's e-mail names them, and their organization. */ readonly requestedBy?: string;
      readonly requestedFor?: string;
    },
  ) => {
    const { tx, audit, notify } = context;
    enforce(checkLoginEmailChangeable(input.support !== undefined));
    const newEmail = enforce(normalizeEmail(input.email));
    const person = await readPerson(tx, input.personId, { lock: true });
    const refusal = checkNewEmail(person.email, newEmail, await personWithEmail(tx, newEmail), person.id);
    if (refusal) throw input.support && refusal.code === 'email.unchanged' ? unchangedForSupport() : refusal;
    const { token, sha256 } = newLinkToken();
    const cancel = newLinkToken();
    const expiresAt = emailChangeExpiry(input.now ?? new Date());
    const changeId = await insertEmailChange(tx, {
      personId: person.id,
      oldEmail: person.email,
      newEmail,
      tokenSha256: sha256,
      cancelTokenSha256: cancel.sha256,
      expiresAt,
      requestedFor: input.requestedFor,
    });
    const entry = {
      action: 'person.email_change_requested',
      subjectType: 'person',
      subjectId: person.id,
      before: { email: person.email },
      after: { pendingEmail: newEmail, expiresAt, changeId },
    };
    const link = emailChangeLink(input.publicUrl, token);
    const cancelLink = emailChangeCancelLink(input.publicUrl, cancel.token);
    if (input.support) {
      const { reason, contact } = input.support;
      await auditInEach(context, person.id, { ...entry, after: { ...entry.after, reason } });
      await notify({ kind: 'email.change_link', to: [newEmail], ...supportEmailChangeLinkMail({ newEmail, link, expiresAt }) });
      await notify({ kind: 'email.change_by_support', to: [person.email], ...supportEmailChangeMail({ newEmail, reason, cancelLink, expiresAt, contact }) });
    } else {
      await audit({ organizationId: null, ...entry });
      const personName = `${person.givenName} ${person.familyName}`.trim();
      await notify({
        kind: 'email.change_link',
        to: [newEmail],
        ...emailChangeLinkMail({ personName, newEmail, link, expiresAt, requestedBy: input.requestedBy }),
      });
      await notify({ kind: 'email.change_requested', to: [person.email], ...emailChangeRequestedMail({ newEmail, cancelLink, expiresAt }) });
    }
    return { email: newEmail, expiresAt, token, cancelToken: cancel.token };
  },
);

const unchangedForSupport = (): AppError => refuse('email.unchanged', { whose: 'managed' });

/**
 * R1, R4, R28: the link is opened: the login e-mail becomes the new address (refused if another
 * account took it meanwhile), Keycloak's username and e-mail follow through the projection, and
 * the OLD address is told.
 */
export const confirmEmailChange = defineCommand(async (context, input: { readonly token: string; readonly now?: Date }) => {
  const { tx, notify } = context;
  const change = await findEmailChange(tx, tokenSha256(input.token), { lock: true });
  const refusal = checkEmailChangeLink(change, input.now ?? new Date());
  // checkEmailChangeLink refuses a missing link, so `refusal` is set whenever `change` is not.
  if (refusal || !change) throw refusal as AppError;
  const holder = await personWithEmail(tx, change.newEmail);
  if (holder !== undefined && holder !== change.personId) throw emailTaken();
  const person = await readPerson(tx, change.personId, { lock: true });
  // Issue 16 item 3: a change a manager of A asked stands only while the person is still A's alone
  // (decided under the person's lock, as the request was): an account that meanwhile acts for B is the person's own.
  if (change.requestedFor !== null && (await ownDetailsSince(tx, change.personId, change.requestedFor))) throw noLongerManaged();
  await confirmEmail(tx, change);
  // Issue 14 item 7: whoever held a session of this account (a stolen one included) signs in again.
  const sessionsEnded = await endSessionsOf(tx, change.personId);
  await auditInEach(context, change.personId, {
    action: 'person.email_changed',
    subjectType: 'person',
    subjectId: change.personId,
    before: { email: person.email },
    after: { email: change.newEmail },
  });
  await notify({ kind: 'email.changed', to: [person.email], ...emailChangedMail({ oldEmail: person.email, newEmail: change.newEmail }) });
  return { personId: change.personId, oldEmail: person.email, email: change.newEmail, sessionsEnded };
});

/**
 * Issue 14 item 7: the link sent to the old address cancels a change not yet confirmed; the
 * confirmation link then answers 410 `email_change.cancelled`. A confirmed change cannot be
 * undone here (the answer says so; the old address was told of it).
 */
export const cancelEmailChange = defineCommand(async (context, input: { readonly token: string; readonly now?: Date }) => {
  const change = await findEmailChange(context.tx, tokenSha256(input.token), { lock: true, link: 'cancel' });
  if (change?.confirmedAt) throw alreadyConfirmed();
  const refusal = checkEmailChangeLink(change, input.now ?? new Date());
  // checkEmailChangeLink refuses a missing link, so `refusal` is set whenever `change` is not.
  if (refusal || !change) throw refusal as AppError;
  await cancelEmailChangeRow(context.tx, change.id);
  await auditInEach(context, change.personId, {
    action: 'person.email_change_cancelled',
    subjectType: 'person',
    subjectId: change.personId,
    before: { pendingEmail: change.newEmail },
    after: { pendingEmail: null },
  });
  return { personId: change.personId, email: change.oldEmail };
});

/**
 * R32: a change of the person shows in the audit trail of each organization they belong to (one
 * entry without organization when none), and their projection in each is refreshed.
 */
async function auditInEach({ tx, audit, project }: CommandContext, personId: string, entry: Omit<AuditEntry, 'organizationId'>): Promise<void> {
  const organizationIds = await organizationsOf(tx, personId);
  for (const organizationId of organizationIds.length > 0 ? organizationIds : [null]) await audit({ ...entry, organizationId });
  project(...organizationIds);
}

const alreadyConfirmed = (): AppError => refuse('email_change.already_confirmed');

/** Whether the person's details became their own since a manager of `organizationId` asked: another organization, a mandate, or none left there. */
async function ownDetailsSince(tx: Queryable, personId: string, organizationId: string): Promise<boolean> {
  const facts = await ownershipFacts(tx, personId, organizationId);
  const still = await tx.query('SELECT 1 FROM membership WHERE person_id = $1 AND organization_id = $2', [personId, organizationId]);
  return still.rowCount === 0 || ownDetailsReason({ ...facts, operator: false, self: false }) !== undefined;
}

const noLongerManaged = (): AppError => refuse('email_change.no_longer_managed');
