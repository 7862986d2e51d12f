import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkDecidable, checkNewRequest, checkReason } from './rules.js';

describe('R22: access requests', () => {
  it('people ask for member or observer access, once at a time, if not members already', () => {
    expect(checkNewRequest('observer', false, false)).toBe('observer');
    expect(checkNewRequest('member', false, false)).toBe('member');
    expect(refusalOf(checkNewRequest('manager', false, false))).toBe('422 access_request.role /role');
    expect(refusalOf(checkNewRequest('member', true, false))).toBe('409 access_request.already_member /organization');
    expect(refusalOf(checkNewRequest('member', false, true))).toBe('409 access_request.exists /organization');
  });

  it('a refusal says why: the reason is kept as typed, without its surrounding blanks; a blank one is refused', () => {
    expect(checkReason('  Nous ne vous connaissons pas. ')).toBe('Nous ne vous connaissons pas.');
    expect(refusalOf(checkReason(' \n '))).toBe('422 access_request.reason_required /reason');
  });

  it('only a pending request is decided', () => {
    expect(checkDecidable('pending')).toBeUndefined();
    expect(refusalOf(checkDecidable('approved'))).toBe('409 access_request.decided /requestId');
  });
});
