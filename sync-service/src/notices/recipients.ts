import type { Role } from '../domain/roles.js';
import { portal } from '../profile/profile.js';
import type { NoticeRecipients } from '../domain/notices.js';

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
