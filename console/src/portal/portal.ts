/**
 * Issue 17: the portal the console serves, read once from `GET /portal` at start. Until it answers
 * (or when it cannot), the console shows its built-in words and everything on, as the mixed profile
 * does; screens ask `portalSettings()` and never a portal's name.
 */
import { getPortal, type OrganizationField, type Portal, type Role } from '../api/index.js';
import { language } from '../i18n/localization.js';

let current: Portal | undefined;

/** The portal, once `GET /portal` has answered. */
export function portalSettings(): Portal | undefined {
  return current;
}

/** The portal's name in the current language; « Procura » until it is known. */
export function portalName(): string {
  return current?.name[language()] ?? 'Procura';
}

/** The portal's label for `role` in the current language, or undefined (the caller's built-in word). */
export function portalRoleLabel(role: Role): string | undefined {
  return current?.roles.labels[role][language()];
}

/** The roles a choice may show, in the order given: those the portal offers, and `held` (a person's role now). */
export function offeredRoles(roles: readonly Role[], held?: Role): Role[] {
  const offered = current?.roles.offered;
  return offered ? roles.filter((role) => offered.includes(role) || role === held) : [...roles];
}

/** Whether the portal lets managers change `field` of an organization (R7). */
export function immutableField(field: OrganizationField): boolean {
  return current?.organizations.immutable.includes(field) ?? false;
}

/** Sets the portal's colours on the document, where every style reads them (`--procura-primary`…). */
function applyLook(portal: Portal): void {
  const style = document.documentElement.style;
  style.setProperty('--procura-primary', portal.look.colours.primary);
  style.setProperty('--procura-on-primary', portal.look.colours.onPrimary);
  style.setProperty('--procura-accent', portal.look.colours.accent);
}

/**
 * Reads the portal and applies it: its colours, and a re-render of every localized element (the
 * event `@lit/localize` sends when a language is ready), so labels and switches follow at once.
 */
export async function loadPortal(fetcher?: typeof fetch): Promise<Portal | undefined> {
  const portal = await getPortal(undefined, fetcher);
  if (!portal) return undefined;
  current = portal;
  applyLook(portal);
  window.dispatchEvent(new CustomEvent('lit-localize-status', { detail: { status: 'ready', readyLocale: language() } }));
  return portal;
}

/** What a portal may turn off (issue 17); the screens hide it then. */
export type PortalFeature = 'mandates' | 'expiryDates' | 'mailSecurityKey' | 'secretQuestion' | 'managersEditDetails' | 'loginEmailChange' | 'membersInvite';

/** Whether the portal offers `feature`; until it answers, all but the members' invitations (the mixed profile). */
export function portalOffers(feature: PortalFeature): boolean {
  const p = current;
  switch (feature) {
    case 'mandates':
      return p?.mandates.enabled ?? true;
    case 'expiryDates':
      return p?.expiryReminders.enabled ?? true;
    case 'mailSecurityKey':
      return p?.activation.mailSecurityKey ?? true;
    case 'secretQuestion':
      return p?.activation.secretQuestion ?? true;
    case 'managersEditDetails':
      return p?.members.managersEditDetails ?? true;
    case 'loginEmailChange':
      return (p?.account.loginEmail ?? 'changeable') === 'changeable';
    case 'membersInvite':
      return p?.invitations.by === 'members';
  }
}
