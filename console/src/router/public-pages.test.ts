import { describe, expect, it } from 'vitest';
import { publicPageAt } from './public-pages.js';

describe('the pages of e-mailed links and the public forms', () => {
  it('R16: /invitation is the activation page, at that exact path only', () => {
    expect(publicPageAt('/invitation')?.tag).toBe('procura-invitation-page');
    expect(publicPageAt('/email-change')?.tag, 'The link sent to a new login e-mail').toBe('procura-email-change-confirm');
    expect(publicPageAt('/sign-up')?.tag, 'R10: the sign-up form').toBe('procura-sign-up-page');
    expect(publicPageAt('/recovery')?.tag, 'R30: the recovery form').toBe('procura-recovery-page');
    for (const path of ['/', '/sign-up/', '/recovery/', '/invitation/', '/email-change/', '/invitations', '/Invitation', '/toString', '/constructor'])
      expect([path, publicPageAt(path)]).toEqual([path, undefined]);
  });
});
