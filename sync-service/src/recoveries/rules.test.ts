import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkRecoveryDecision, checkRecoveryRequest } from './rules.js';

describe('recovery rules (R30)', () => {
  it('only an active organization with no manager in force, one pending request at a time', () => {
    expect(checkRecoveryRequest('active', 0, false)).toBeUndefined();
    expect(refusalOf(checkRecoveryRequest('active', 1, false))).toBe('409 recovery.has_manager organization');
    expect(refusalOf(checkRecoveryRequest('closed', 0, false))).toBe('409 recovery.inactive organization');
    expect(refusalOf(checkRecoveryRequest('active', 0, true))).toBe('409 recovery.exists organization');
  });

  it('R31: a pending request is decided once; a rejection says why', () => {
    expect(checkRecoveryDecision('pending', null, false)).toEqual({ reason: null });
    expect(refusalOf(checkRecoveryDecision('pending', '', true))).toBe('422 recovery.reason_required reason');
    expect(refusalOf(checkRecoveryDecision('appointed', 'x', true))).toBe('409 recovery.decided recoveryId');
  });
});
