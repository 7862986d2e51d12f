/**
 * Issue 16 item 3 (ge-edemarches « Modification des informations d'un compte utilisateur », R4,
 * R16; decision 0049): a manager reads and edits a member's details — names, birth date, phone,
 * login e-mail (through its verification link), secret question and answer, the phone for login
 * codes and where codes go — only while the person is the organization's alone. Everything is
 * decided once the person's row is locked: an invitation of another organization locks it too
 * (`typesHeldBy`), so a person joining B while A's manager edits is either refused the edit or
 * joins after it, never both.
 */
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { operatorRole } from '../auth/bearer.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { hashSecret } from '../domain/secrets.js';
import { requestEmailChange } from '../me/commands.js';
import { checkPhone, checkProfile, type Profile } from '../me/rules.js';
import { pendingEmail, readPerson, writeProfile, type PersonRow } from '../me/store.js';
import { businessDay } from '../domain/business-day.js';
import { one, type Queryable } from '../db/query.js';
import { AppError } from '../errors.js';
import { checkCodeChannel, checkSecretPair, detailsOwn, ownDetailsReason, type CodeChannel, type OwnDetails } from './details-rules.js';
import { ownershipFacts, secretQuestionOf, writeSecret } from './details-store.js';
import { normalizeEmail } from './rules.js';
import { findMembership } from './store.js';
import { refuse } from '../error-codes/refuse.js';

export interface DetailsChange extends Partial<Profile> {
  readonly email?: string;
  readonly secretQuestion?: string;
  readonly secretAnswer?: string;
  readonly codePhone?: string | null;
  readonly codeChannel?: CodeChannel;
}

export interface MemberDetails extends Profile {
  readonly email: string;
  readonly pendingEmail: { email: string; expiresAt: Date } | null;
  readonly secretQuestion: string | null;
  readonly codePhone: string | null;
  readonly codeChannel: CodeChannel;
  /** Null while the organization's managers may edit them; else why they are the person's own. */
  readonly ownedBy: OwnDetails | null;
}

interface Located {
  readonly person: PersonRow;
  readonly invited: boolean;
  readonly keycloakUserId: string | null;
  readonly ownedBy: OwnDetails | undefined;
}

/** The membership's person, of this organization (another's is not found), and whether their details are their own. */
async function locate(
  db: Queryable,
  keycloak: KeycloakAdmin,
  input: { organizationId: string; membershipId: string; callerPersonId: string | null },
  lock: boolean,
): Promise<Located> {
  const membership = await findMembership(db, input.membershipId);
  if (!membership || membership.organizationId !== input.organizationId) throw notFound('membership', 'membershipId');
  // The lock first, the facts after: what committed while we waited is seen.
  const person = await readPerson(db, membership.personId, { lock });
  const facts = await ownershipFacts(db, person.id, input.organizationId);
  const operator = facts.keycloakUserId !== null && ((await keycloak.accountStanding(facts.keycloakUserId))?.realmRoles.includes(operatorRole) ?? false);
  const ownedBy = ownDetailsReason({ ...facts, operator, self: input.callerPersonId === person.id });
  return { person, invited: membership.status === 'invited', keycloakUserId: facts.keycloakUserId, ownedBy };
}

/**
 * The details as a manager of the organization sees them (the secret answer never). Details that
 * are the person's own because they act for others too are not the managers' to read either: the
 * names and the e-mail only, as the members list shows them (the birth date, the phones, the
 * secret question and a pending address stay the person's).
 */
export async function readMemberDetails(
  db: Queryable,
  keycloak: KeycloakAdmin,
  input: { organizationId: string; membershipId: string; callerPersonId: string | null },
): Promise<MemberDetails> {
  const { person, keycloakUserId, ownedBy } = await locate(db, keycloak, input, false);
  const { id: _id, ...profile } = person;
  // Where the portal keeps details from managers, they still read them all (the organization's person); only edits are refused.
  if (ownedBy && ownedBy !== 'self' && ownedBy !== 'portal') {
    return { ...profile, birthDate: null, phone: null, pendingEmail: null, secretQuestion: null, codePhone: null, codeChannel: 'email', ownedBy };
  }
  const code = keycloakUserId ? await keycloak.codePhone(keycloakUserId) : undefined;
  return {
    ...profile,
    pendingEmail: (await pendingEmail(db, person.id, new Date())) ?? null,
    secretQuestion: await secretQuestionOf(db, person.id),
    codePhone: code?.phone ?? null,
    codeChannel: code?.verified ? 'sms' : 'email',
    ownedBy: ownedBy ?? null,
  };
}

/**
 * R4: a manager edits the member's details; refused with `person.details_own` (409) when they are
 * the person's own. Audited with before and after (the secret answer as « changed », never in
 * clear); names reach Keycloak through the projection; the code phone and channel are written to
 * Keycloak last, so that its refusal leaves the model unchanged. A new e-mail goes through the
 * verification link of `requestEmailChange` (to the new address, the old one told).
 */
export const editMemberDetails = defineCommand(
  async (
    context: CommandContext,
    input: { organizationId: string; membershipId: string; change: DetailsChange; keycloak: KeycloakAdmin; publicUrl: string; requestedBy: string },
  ) => {
    const { tx, audit, project } = context;
    const { person, invited, keycloakUserId, ownedBy } = await locate(tx, input.keycloak, { ...input, callerPersonId: context.actor.personId }, true);
    if (ownedBy) throw detailsOwn(ownedBy);
    const { email, secretQuestion, secretAnswer, codePhone, codeChannel, ...profileChange } = input.change;
    const { id: _id, email: currentEmail, ...current } = person;
    const profile = enforce(checkProfile(current, profileChange, businessDay()));
    const secret = checkSecretPair(secretQuestion, secretAnswer, 'person');
    if (secret instanceof AppError) throw secret;
    const code = await nextCode(input.keycloak, keycloakUserId, codePhone, codeChannel);
    const newEmail = email === undefined ? undefined : enforce(normalizeEmail(email));
    const emailChanges = newEmail !== undefined && newEmail !== currentEmail.trim().toLowerCase();
    if (emailChanges && invited) throw invitedEmail();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (was: Record<string, unknown>, now: Record<string, unknown>): void => void (Object.assign(before, was), Object.assign(after, now));
    for (const key of Object.keys(profile) as Array<keyof Profile>) {
      if (profile[key] !== current[key]) note({ [key]: current[key] }, { [key]: profile[key] });
    }
    if (Object.keys(after).length > 0) await writeProfile(tx, person.id, profile);
    if (secret) {
      note({ secretQuestion: await secretQuestionOf(tx, person.id) }, { secretQuestion: secret.question, secretAnswer: 'changed' });
      await writeSecret(tx, person.id, secret.question, await hashSecret(secret.answer));
    }
    if (code.changed) note(code.before, code.after);
    if (emailChanges) {
      const requested = await requestEmailChange.within(context, {
        personId: person.id,
        email: newEmail,
        publicUrl: input.publicUrl,
        requestedBy: input.requestedBy,
        requestedFor: input.organizationId,
      });
      note({ email: currentEmail }, { pendingEmail: requested.email });
    }
    if (Object.keys(after).length === 0) return { pendingEmail: undefined };
    await audit({ organizationId: input.organizationId, action: 'person.details_updated', subjectType: 'person', subjectId: person.id, before, after });
    project(input.organizationId);
    if (code.changed) await input.keycloak.setCodePhone(keycloakUserId!, { phone: code.after.codePhone, verified: code.after.codeChannel === 'sms' });
    return { pendingEmail: emailChanges ? newEmail : undefined };
  },
);

type CodeState = { codePhone: string | null; codeChannel: CodeChannel };

/** R2: the code phone and channel after the change, checked; Keycloak holds them (decision 0049). */
async function nextCode(
  keycloak: KeycloakAdmin,
  userId: string | null,
  phone: string | null | undefined,
  channel: CodeChannel | undefined,
): Promise<{ changed: false } | { changed: true; before: CodeState; after: CodeState }> {
  if (phone === undefined && channel === undefined) return { changed: false };
  if (!userId) throw refuse('person.no_account_yet');
  const current = await keycloak.codePhone(userId);
  const before: CodeState = { codePhone: current?.phone ?? null, codeChannel: current?.verified ? 'sms' : 'email' };
  const codePhone = phone === undefined ? before.codePhone : enforce(checkCodePhone(phone));
  const after: CodeState = { codePhone, codeChannel: channel ?? (codePhone === null ? 'email' : before.codeChannel) };
  enforce(checkCodeChannel(after.codeChannel, after.codePhone));
  if (JSON.stringify(after) === JSON.stringify(before)) return { changed: false };
  return { changed: true, before, after };
}

/** The code phone as Keycloak's user profile takes it: `+` and the country code (R2). */
function checkCodePhone(raw: string | null): AppError | string | null {
  if (raw === null) return null;
  const phone = checkPhone(raw);
  if (phone instanceof AppError || phone === null) return phone instanceof AppError ? refuse('person.code_phone', { refused: 'given' }) : null;
  if (/^\+[1-9][0-9]{7,14}$/.test(phone)) return phone;
  return refuse('person.code_phone', { refused: 'format' });
}

/** How the e-mail to the new address names the manager who asked: « Name, for Organization ». */
export async function managerLabel(db: Queryable, personId: string | null, organizationId: string, fallback: string): Promise<string> {
  const row = await one<{ name: string; organization: string }>(
    db,
    `SELECT coalesce((SELECT nullif(btrim(given_name || ' ' || family_name), '') FROM person WHERE id = $1), $3) AS name, legal_name AS organization FROM organization WHERE id = $2`,
    [personId, organizationId, fallback],
  );
  return `${row.name} (${row.organization})`;
}

/** The invitation went to the address on file: a wrong one is corrected by a new invitation, not by a link to confirm. */
const invitedEmail = (): AppError => refuse('person.email_invited');
