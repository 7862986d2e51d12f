import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkRecoveryDecision, checkRecoveryRequest, checkRetirement } from './rules.js';

describe('recovery rules (R30)', () => {
  it('R30: an active organization, one pending request at a time; managers still in force do not stop it (a departed one may still have an account)', () => {
    expect(checkRecoveryRequest('active', false)).toBeUndefined();
    expect(refusalOf(checkRecoveryRequest('closed', false))).toBe('409 recovery.inactive /organization');
    expect(refusalOf(checkRecoveryRequest('active', true))).toBe('409 recovery.exists /organization');
  });

  it('R31: a pending request is decided once; a rejection says why', () => {
    expect(checkRecoveryDecision('pending', null, false)).toEqual({ reason: null });
    expect(refusalOf(checkRecoveryDecision('pending', '', true))).toBe('422 recovery.reason_required /reason');
    expect(refusalOf(checkRecoveryDecision('appointed', 'x', true))).toBe('409 recovery.decided /recoveryId');
  });

  it('R30, R14: only current managers of the organization are retired, never the one appointed; the item at fault is named', () => {
    const managers = ['m-gone', 'm-other'];
    expect(checkRetirement([], managers, null)).toBeUndefined();
    expect(checkRetirement(['m-gone', 'm-other'], managers, 'm-requester')).toBeUndefined();
    expect(refusalOf(checkRetirement(['m-gone', 'm-member'], managers, null))).toBe('422 recovery.retire_not_manager /retire/1');
    expect(refusalOf(checkRetirement(['m-other'], managers, 'm-other'))).toBe('422 recovery.retire_appointee /retire/0');
    const refusal = checkRetirement(['x'], managers, null);
    expect(refusal?.messages.fr).toMatch(/gestionnaire/);
    expect(refusal?.messages.en).toMatch(/manager/);
  });
});
