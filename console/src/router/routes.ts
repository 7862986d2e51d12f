import { requestKinds, type RequestKind } from '../api/operator.js';

/**
 * The console's screens as hash routes (`#/o/<orgId>/members?q=…`), so that links, the back
 * button and a reload keep the screen, and the server serves one page whatever the route.
 */
export type Screen = 'members' | 'member' | 'profile' | 'ask-access' | OrganizationScreen;

/**
 * The screens that take only the organization: invitations (R16, R17), mail security key (R23),
 * audit (R32), services (R15), managers and hand-over (R14), mandates (R24–R27), access requests (R22).
 */
export const organizationScreens = ['organization', 'units', 'invitations', 'access-requests', 'key', 'audit', 'services', 'managers', 'mandates'] as const;
export type OrganizationScreen = (typeof organizationScreens)[number];

export type Route =
  | { readonly screen: 'home' }
  | { readonly screen: 'members'; readonly orgId: string; readonly query: URLSearchParams }
  | { readonly screen: 'member'; readonly orgId: string; readonly membershipId: string }
  | { readonly screen: OrganizationScreen; readonly orgId: string }
  /** R4: my profile, mine whatever the organization (`#/me/profile`). */
  | { readonly screen: 'profile' }
  /** R22: ask an organization for access, whatever the organization (`#/me/access`). */
  | { readonly screen: 'ask-access' }
  | { readonly screen: 'not-found' }
  /** R31: the operator's back office (`#/operator`) and one request (`#/operator/<kind>/<id>`). */
  | { readonly screen: 'operator' }
  /** Issue 16 item 6: the support desk (`#/operator/support`). */
  | { readonly screen: 'operator-support' }
  | { readonly screen: 'operator-request'; readonly kind: RequestKind; readonly id: string };

/** Reads a location hash (`#/o/…`); anything unknown is `not-found`, an empty hash is `home`. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { screen: 'home' };
  if (parts.join('/') === 'me/profile') return { screen: 'profile' };
  if (parts.join('/') === 'me/access') return { screen: 'ask-access' };
  if (parts[0] === 'operator') return operatorRoute(parts.slice(1));
  const [o, orgId, screen, membershipId, ...rest] = parts;
  if (o !== 'o' || !orgId || rest.length > 0) return { screen: 'not-found' };
  if (screen === 'members' && membershipId) return { screen: 'member', orgId, membershipId };
  if (membershipId) return { screen: 'not-found' };
  if (screen === undefined || screen === 'members') return { screen: 'members', orgId, query: new URLSearchParams(search) };
  if ((organizationScreens as readonly string[]).includes(screen)) return { screen: screen as OrganizationScreen, orgId };
  return { screen: 'not-found' };
}

/** The hash of a screen (the inverse of parseRoute). */
export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'home':
    case 'not-found':
      return '#/';
    case 'profile':
      return '#/me/profile';
    case 'ask-access':
      return '#/me/access';
    case 'operator':
      return '#/operator';
    case 'operator-support':
      return '#/operator/support';
    case 'operator-request':
      return `#/operator/${route.kind}/${encodeURIComponent(route.id)}`;
    case 'members': {
      const search = route.query.toString();
      return `#/o/${encodeURIComponent(route.orgId)}/members${search ? `?${search}` : ''}`;
    }
    case 'member':
      return `#/o/${encodeURIComponent(route.orgId)}/members/${encodeURIComponent(route.membershipId)}`;
    default:
      return `#/o/${encodeURIComponent(route.orgId)}/${route.screen}`;
  }
}

/** The same screen of another organization: the switcher keeps what the person was looking at. */
export function sameScreenFor(route: Route, orgId: string): Route {
  if ((organizationScreens as readonly string[]).includes(route.screen)) return { screen: route.screen as OrganizationScreen, orgId };
  return { screen: 'members', orgId, query: new URLSearchParams() };
}

/** R31: `#/operator`, `#/operator/support`, or `#/operator/sign-ups|mandates|recoveries/<id>`. */
function operatorRoute([kind, id, ...rest]: string[]): Route {
  if (kind === undefined) return { screen: 'operator' };
  if (kind === 'support' && id === undefined) return { screen: 'operator-support' };
  if (!id || rest.length > 0 || !(requestKinds as readonly string[]).includes(kind)) return { screen: 'not-found' };
  return { screen: 'operator-request', kind: kind as RequestKind, id };
}
