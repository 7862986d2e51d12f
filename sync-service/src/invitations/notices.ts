/**
 * The invitations' e-mails (R16, R28), written into the outbox (`notices/`) by their commands: the
 * invitation's link by `inviteMember` and `resendInvitation`, the activation notice by `acceptInvitation`.
 */
import { accountActivatedMail, invitationMail } from '../adapters/mail/index.js';
import type { Queryable } from '../db/query.js';
import type { Notice } from '../notices/outbox.js';
import { businessDay } from '../projection/business-day.js';
import type { Accepted } from './accept.js';
import type { IssuedLink } from './commands.js';
import { currentManagers } from '../members/store.js';
import { bundleParts, findByToken } from './store.js';
import { tokenSha256 } from './secrets.js';

/** The link of the console's activation page: the token in the fragment, which browsers never send to a server. */
export function activationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/invitation#token=${token}`;
}

/**
 * R16: the invitation e-mail, with the link and what activation will ask for; written into the
 * outbox by the command. `signUpOf`: the registry's name, for the invitation that follows a sign-up (R10).
 */
export async function invitationNotice(db: Queryable, publicUrl: string, link: Omit<IssuedLink, 'invitationId' | 'membershipId'>, signUpOf?: string): Promise<Notice> {
  const target = (await findByToken(db, tokenSha256(link.token), { lock: false }))!;
  // Issue 16 item 9: one e-mail names every organization the link is for (decision 0050).
  const names = (await bundleParts(db, target.id)).filter((part) => part.status === 'pending').map((part) => part.organizationName);
  const mail = invitationMail({
    organizationName: signUpOf ?? (names.length > 0 ? names.join(', ') : target.organizationName),
    inviterName: signUpOf === undefined ? target.inviterName : null,
    link: activationLink(publicUrl, link.token),
    expiresOn: businessDay(link.expiresAt),
    asksMailSecurityKey: target.mailSecurityKeyHash !== null,
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
  return { kind: 'invitation.accepted', to, ...accountActivatedMail({ organizationName: accepted.organizationName, personName: accepted.personName, personEmail: accepted.email }) };
}
