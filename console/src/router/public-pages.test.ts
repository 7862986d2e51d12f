import { describe, expect, it } from 'vitest';
import { publicPageAt } from './public-pages.js';

describe('the pages of e-mailed links', () => {
  it('R16: /invitation is the activation page, at that exact path only', () => {
    expect(publicPageAt('/invitation')?.tag).toBe('procura-invitation-page');
    expect(publicPageAt('/email-change')?.tag, 'The link sent to a new login e-mail').toBe('procura-email-change-confirm');
    for (const path of ['/', '/invitation/', '/email-change/', '/invitations', '/Invitation', '/toString', '/constructor']) expect([path, publicPageAt(path)]).toEqual([path, undefined]);
  });
});
