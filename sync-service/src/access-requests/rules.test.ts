import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkDecidable, checkNewRequest, recipientsOf } from './rules.js';

describe('R22: access requests', () => {
  it('people ask for member or observer access, once at a time, if not members already', () => {
    expect(checkNewRequest('observer', false, false)).toBe('observer');
    expect(checkNewRequest('member', false, false)).toBe('member');
    expect(refusalOf(checkNewRequest('manager', false, false))).toBe('422 access_request.role role');
    expect(refusalOf(checkNewRequest('member', true, false))).toBe('409 access_request.already_member organization');
    expect(refusalOf(checkNewRequest('member', false, true))).toBe('409 access_request.exists organization');
  });

  it('an observer request goes to the legal representatives, a member request to every manager', () => {
    const managers = [
      { email: 'lea@x.ch', role: 'legal_representative' as const },
      { email: 'marc@x.ch', role: 'deputy' as const },
      { email: 'sophie@x.ch', role: 'manager' as const },
    ];
    expect(recipientsOf('observer', managers)).toEqual(['lea@x.ch']);
    expect(recipientsOf('member', managers)).toEqual(['lea@x.ch', 'marc@x.ch', 'sophie@x.ch']);
    expect(recipientsOf('observer', managers.slice(1))).toEqual(['marc@x.ch', 'sophie@x.ch']);
  });

  it('only a pending request is decided', () => {
    expect(checkDecidable('pending')).toBeUndefined();
    expect(refusalOf(checkDecidable('approved'))).toBe('409 access_request.decided requestId');
  });
});
