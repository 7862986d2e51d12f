import type { Role } from '../members/rules.js';
import { portal } from '../profile/profile.js';

/**
 * Issue 16 item 4 (R22, R28): which of an organization's managers receive each notice, by role — the
 * `notices` of the portal's profile.
 */
export const configurableNotices = ['access_request.observer', 'access_request.member', 'mandate.fiduciary_attached', 'service.activated'] as const;
export type ConfigurableNotice = (typeof configurableNotices)[number];
export type NoticeRecipients = Readonly<Record<ConfigurableNotice, readonly Role[]>>;

/** Who receives each notice in the portal's profile (`notices.recipients`, issue 17). */
export const noticeRecipients = (): NoticeRecipients => portal().notices.recipients;

/**
 * The addresses a notice goes to: the managers in the configured roles, or every manager when the
 * organization has nobody in those roles (a notice never goes nowhere). Each address once.
 */
export function recipientsFor(roles: readonly Role[], managers: ReadonlyArray<{ readonly email: string; readonly role: Role }>): string[] {
  const chosen = managers.filter((manager) => roles.includes(manager.role));
  return [...new Set((chosen.length > 0 ? chosen : managers).map((manager) => manager.email))];
}
