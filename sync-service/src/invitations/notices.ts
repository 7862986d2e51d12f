/**
 * The invitations' e-mails (R16, R28), written into the outbox (`notices/`) by their commands: the
 * invitation's link by `inviteMember` and `resendInvitation`, the activation notice by `acceptInvitation`.
 */
import { accountActivatedMail, accountConfirmationMail, invitationMail } from '../adapters/mail/index.js';
import { many, one } from '../db/query.js';
import { roleNames } from '../members/hand-over.js';
import type { Role } from '../domain/roles.js';
import type { Queryable } from '../db/query.js';
import type { Notice } from '../notices/outbox.js';
import { businessDay } from '../domain/business-day.js';
import type { Accepted, IssuedLink } from './rules.js';
import { currentManagers } from '../members/store.js';
import { bundleParts, findByToken } from './store.js';
import { tokenSha256 } from '../domain/secrets.js';

/** The link of the console's activation page: the token in the fragment, which browsers never send to a server. */
export function activationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/invitation#token=${token}`;
}

/**
 * R16: the invitation e-mail, with the link and what activation will ask for; written into the
 * outbox by the command. `signUpOf`: the registry's name, for the invitation that follows a sign-up (R10).
 */
export async function invitationNotice(
  db: Queryable,
  publicUrl: string,
  link: Omit<IssuedLink, 'invitationId' | 'membershipId'>,
  signUpOf?: string,
): Promise<Notice> {
  const target = (await findByToken(db, tokenSha256(link.token), { lock: false }))!;
  // Issue 16 item 9: one e-mail names every organization the link is for (decision 0050).
  const pending = (await bundleParts(db, target.id)).filter((part) => part.status === 'pending');
  const names = pending.map((part) => part.organizationName);
  const mail = invitationMail({
    organizationName: signUpOf ?? (names.length > 0 ? names.join(', ') : target.organizationName),
    inviterName: signUpOf === undefined ? target.inviterName : null,
    link: activationLink(publicUrl, link.token),
    expiresOn: businessDay(link.expiresAt),
    asksMailSecurityKey: pending.some((part) => part.mailSecurityKeyHash !== null),
    asksSecretAnswer: target.secretAnswerHash !== null,
  });
  return { kind: 'invitation.link', to: [link.email], ...mail };
}

/**
 * R16, R28: the manager who invited is told that the account is active; when they no longer manage
 * the organization, its current managers are. Written into the outbox by `acceptInvitation`.
 */
export async function activationNotice(db: Queryable, accepted: Accepted): Promise<Notice> {
  const managers = await currentManagers(db, accepted.organizationId, businessDay());
  const inviter = managers.filter((manager) => manager.personId === accepted.invitedByPersonId);
  const to = (inviter.length > 0 ? inviter : managers).map((manager) => manager.email);
  return {
    kind: 'invitation.accepted',
    to,
    ...accountActivatedMail({ organizationName: accepted.organizationName, personName: accepted.personName, personEmail: accepted.email }),
  };
}

/**
 * R16 (ge-edemarches): the activated person gets their login identifier and the summary of their
 * details — names, phone, organization, role, rights — and never a secret. Written into the outbox
 * by `acceptInvitation`, with the manager's notice.
 */
export async function confirmationNotice(db: Queryable, accepted: Accepted): Promise<Notice> {
  const person = await one<{ phone: string | null; role: Role }>(
    db,
    'SELECT p.phone, m.role FROM membership m JOIN person p ON p.id = m.person_id WHERE m.id = $1',
    [accepted.membershipId],
  );
  const rights = await many<{ fr: string; en: string }>(
    db,
    `
    SELECT s.label_fr || ' : ' || r.label_fr || coalesce(' (' || u.name || ')', '') AS fr, s.label_en || ': ' || r.label_en || coalesce(' (' || u.name || ')', '') AS en
      FROM membership_right mr JOIN service s ON s.id = mr.service_id JOIN service_right r ON r.service_id = mr.service_id AND r.id = mr.right_id
      LEFT JOIN unit u ON u.id = mr.unit_id
     WHERE mr.membership_id = $1 ORDER BY s.label_fr, r.label_fr, u.name NULLS FIRST`,
    [accepted.membershipId],
  );
  const mail = accountConfirmationMail({
    email: accepted.email,
    personName: accepted.personName,
    phone: person.phone,
    organizationName: accepted.organizationName,
    role: roleNames[person.role],
    rights,
  });
  return { kind: 'invitation.confirmation', to: [accepted.email], ...mail };
}
