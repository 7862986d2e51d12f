import { jsonConfig } from '../config-file.js';
import { managerRoles, type Role } from '../members/rules.js';

/**
 * Issue 16 item 4 (R22, R28): which of an organization's managers receive each notice, by role — the
 * configuration `PROCURA_NOTICES` (a JSON file), else `sync-service/config/notices.json`; read once.
 */
export const configurableNotices = ['access_request.observer', 'access_request.member', 'mandate.fiduciary_attached', 'service.activated'] as const;
export type ConfigurableNotice = (typeof configurableNotices)[number];
export type NoticeRecipients = Readonly<Record<ConfigurableNotice, readonly Role[]>>;

/** A malformed file stops the service with a message naming it and the notice at fault. */
export function parseNoticeRecipients(value: unknown, source: string): NoticeRecipients {
  const recipients = (value as { recipients?: unknown } | null)?.recipients;
  if (typeof recipients !== 'object' || recipients === null) throw new Error(`${source}: "recipients" must map each notice (${configurableNotices.join(', ')}) to manager roles`);
  const unknown = Object.keys(recipients).filter((key) => !(configurableNotices as readonly string[]).includes(key));
  if (unknown.length > 0) throw new Error(`${source}: unknown notice ${unknown.join(', ')}; the notices are ${configurableNotices.join(', ')}`);
  const parsed = {} as Record<ConfigurableNotice, readonly Role[]>;
  for (const notice of configurableNotices) {
    const roles = (recipients as Record<string, unknown>)[notice];
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => managerRoles.includes(role as Role))) {
      throw new Error(`${source}: "${notice}" must list one or more of ${managerRoles.join(', ')}`);
    }
    parsed[notice] = roles as Role[];
  }
  return parsed;
}

export const noticeRecipients = jsonConfig('PROCURA_NOTICES', new URL('../../config/notices.json', import.meta.url), parseNoticeRecipients);

/**
 * The addresses a notice goes to: the managers in the configured roles, or every manager when the
 * organization has nobody in those roles (a notice never goes nowhere). Each address once.
 */
export function recipientsFor(roles: readonly Role[], managers: ReadonlyArray<{ readonly email: string; readonly role: Role }>): string[] {
  const chosen = managers.filter((manager) => roles.includes(manager.role));
  return [...new Set((chosen.length > 0 ? chosen : managers).map((manager) => manager.email))];
}
