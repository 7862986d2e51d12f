import type { Role } from './roles.js';

/**
 * Issue 16 item 4 (R22, R28): which of an organization's managers receive each notice, by role — the
 * `notices` of the portal's profile.
 */
export const configurableNotices = ['access_request.observer', 'access_request.member', 'mandate.fiduciary_attached', 'service.activated'] as const;
export type ConfigurableNotice = (typeof configurableNotices)[number];
export type NoticeRecipients = Readonly<Record<ConfigurableNotice, readonly Role[]>>;
