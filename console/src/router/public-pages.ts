/**
 * The pages that e-mailed links open, and the public forms (sign-up, recovery), without login (the sync-service serves index.html at these
 * exact paths): each path's custom element, loaded instead of the console's shell.
 */
export interface PublicPage {
  readonly tag: string;
  readonly load: () => Promise<unknown>;
}

const pages: Readonly<Record<string, PublicPage>> = {
  /** R16: `/invitation#token=…`, the invitation e-mail's link. */
  '/invitation': { tag: 'procura-invitation-page', load: () => import('../components/invitation-page/invitation-page.js') },
  /** R4: `/email-change#token=…`, the link sent to a new login e-mail. */
  '/email-change': { tag: 'procura-email-change-confirm', load: () => import('../components/email-change-confirm/email-change-confirm.js') },
  /** R10, R11: an organization signs up. */
  '/sign-up': { tag: 'procura-sign-up-page', load: () => import('../components/sign-up-page/sign-up-page.js') },
  /** R30: an organization none of whose managers is reachable asks to be taken over. */
  '/recovery': { tag: 'procura-recovery-page', load: () => import('../components/recovery-page/recovery-page.js') },
};

/** The public page at `pathname` (exactly), or undefined: the console. */
export function publicPageAt(pathname: string): PublicPage | undefined {
  return Object.hasOwn(pages, pathname) ? pages[pathname] : undefined;
}
