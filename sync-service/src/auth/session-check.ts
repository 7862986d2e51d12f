import type { AccountStanding } from '../adapters/keycloak/index.js';
import { operatorRole } from './bearer.js';
import type { SessionRecord } from './sessions.js';

/** Why a console session ended before its time (issue 14 item 4); logged, never shown. */
export type SessionEnd = 'account_gone' | 'account_disabled' | 'keycloak_session_ended' | 'password_changed' | 'operator_role_withdrawn' | 'membership_ended';

/**
 * Issue 14 item 4: the model's side, read at every request: the end of the person's last
 * membership ends the sessions opened while they had one (a person who never had one may still sign
 * in, to ask for access).
 */
export function membershipVerdict(session: Pick<SessionRecord, 'hadMembership' | 'hasMembership'>): SessionEnd | undefined {
  return session.hadMembership && !session.hasMembership ? 'membership_ended' : undefined;
}

/**
 * Issue 14 item 4: Keycloak's side, checked at most once per interval: the account still exists
 * and is enabled, the Keycloak session the login opened is alive (a logout elsewhere ends it, even
 * when the back-channel logout did not arrive), the password was not set again since the session
 * opened (a reset, by the person or an administrator), and an operator session's role is still held.
 */
export function accountVerdict(
  session: Pick<SessionRecord, 'keycloakSid' | 'createdAt'>,
  operator: boolean,
  standing: AccountStanding | undefined,
): SessionEnd | undefined {
  if (!standing) return 'account_gone';
  if (!standing.enabled) return 'account_disabled';
  if (session.keycloakSid && !standing.sessionIds.includes(session.keycloakSid)) return 'keycloak_session_ended';
  if (standing.passwordSetAt && standing.passwordSetAt.getTime() > session.createdAt.getTime()) return 'password_changed';
  if (operator && !standing.realmRoles.includes(operatorRole)) return 'operator_role_withdrawn';
  return undefined;
}
